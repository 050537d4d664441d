import java.net.InetSocketAddress;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;

/**
 * The floor under any MINA server of a line protocol, as a yardstick for {@code bench metrics}: a
 * bare MINA handler that parses nothing and stores nothing, and answers each {@code \n} of a read
 * with {@code ok\n\n}, all of one read in one write. Run from the repository root, after the jar
 * is built ({@code ./switchboard --help} builds it):
 *
 * <pre>
 * java -cp bootstrap/target/switchboard.jar bench/reference/TrivialResponder.java 7003
 * ./switchboard bench metrics --port 7003
 * </pre>
 */
public final class TrivialResponder extends IoHandlerAdapter {

    private static final byte[] OK = {'o', 'k', '\n', '\n'};

    @Override
    public void messageReceived(IoSession session, Object message) {
        IoBuffer in = (IoBuffer) message;
        int lines = 0;
        for (int i = in.position(); i < in.limit(); i++) {
            if (in.get(i) == '\n') {
                lines++;
            }
        }
        in.position(in.limit());
        if (lines > 0) {
            IoBuffer out = IoBuffer.allocate(lines * OK.length);
            for (int i = 0; i < lines; i++) {
                out.put(OK);
            }
            session.write(out.flip());
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        session.closeNow();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7003;
        NioSocketAcceptor acceptor = new NioSocketAcceptor();
        acceptor.setReuseAddress(true);
        acceptor.getSessionConfig().setTcpNoDelay(true);
        acceptor.setHandler(new TrivialResponder());
        acceptor.bind(new InetSocketAddress("127.0.0.1", port));
        System.out.println("trivial-responder listening on 127.0.0.1:" + port);
    }
}
