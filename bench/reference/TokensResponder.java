import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * A yardstick for {@code bench tokens}: the least a server of the tokens protocol can do on MINA.
 * It keeps no tables and parses no JSON: a line holding {@code "Greeting"} is answered Ready, any
 * other line Accepted with the text between the line's last pair of quotes as the token; every
 * answer of one read goes out in one write. What it costs per token is the floor under the real
 * server on the same client. Run from the repository root once the jar is built:
 *
 * <pre>
 * java -cp bootstrap/target/switchboard.jar bench/reference/TokensResponder.java 7009
 * ./switchboard bench tokens --port 7009 --server-pid $(pgrep -f TokensResponder.java)
 * </pre>
 */
public final class TokensResponder extends IoHandlerAdapter {

    private static final byte[] READY = "{\"op\":\"Ready\",\"payload\":{}}\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCEPTED_HEAD = "{\"op\":\"Accepted\",\"payload\":{\"token\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCEPTED_TAIL = "\"}}\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GREETING = "\"Greeting\"".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void messageReceived(IoSession session, Object message) {
        IoBuffer in = (IoBuffer) message;
        IoBuffer carry = (IoBuffer) session.getAttribute("carry");
        if (carry != null) {
            carry.put(in).flip();
            in = carry;
            session.removeAttribute("carry");
        }
        IoBuffer out = IoBuffer.allocate(in.remaining() + 64).setAutoExpand(true);
        int start = in.position();
        for (int i = start; i < in.limit(); i++) {
            if (in.get(i) == '\n') {
                answer(in, start, i, out);
                start = i + 1;
            }
        }
        if (start < in.limit()) {
            IoBuffer rest = IoBuffer.allocate(in.limit() - start + 4096).setAutoExpand(true);
            in.position(start);
            rest.put(in);
            session.setAttribute("carry", rest);
        }
        if (out.position() > 0) {
            session.write(out.flip());
        }
    }

    private static void answer(IoBuffer in, int from, int to, IoBuffer out) {
        if (contains(in, from, to, GREETING)) {
            out.put(READY);
            return;
        }
        int close = to - 1;
        while (close > from && in.get(close) != '"') {
            close--;
        }
        int open = close - 1;
        while (open > from && in.get(open) != '"') {
            open--;
        }
        out.put(ACCEPTED_HEAD);
        for (int i = open + 1; i < close; i++) {
            out.put(in.get(i));
        }
        out.put(ACCEPTED_TAIL);
    }

    private static boolean contains(IoBuffer in, int from, int to, byte[] what) {
        outer:
        for (int i = from; i + what.length <= to; i++) {
            for (int k = 0; k < what.length; k++) {
                if (in.get(i + k) != what[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        session.closeNow();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7009;
        NioSocketAcceptor acceptor = new NioSocketAcceptor();
        acceptor.setReuseAddress(true);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.setHandler(new TokensResponder());
        acceptor.bind(new InetSocketAddress("127.0.0.1", port));
        System.out.println("tokens responder listening on 127.0.0.1:" + port);
    }
}
