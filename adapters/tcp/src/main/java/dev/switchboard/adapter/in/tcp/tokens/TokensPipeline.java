package dev.switchboard.adapter.in.tcp.tokens;

import dev.switchboard.adapter.in.tcp.common.StorageFailures;
import dev.switchboard.adapter.in.tcp.common.pipeline.LinePipeline;
import dev.switchboard.adapter.in.tcp.common.pipeline.Replies;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenRequest;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenRequestReader;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenResponse;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenWire;
import dev.switchboard.application.port.Failures;
import dev.switchboard.application.port.in.tokens.RegisterClientUseCase.RegisterClientCommand;
import dev.switchboard.application.port.in.tokens.RegisterClientUseCase;
import dev.switchboard.application.port.in.tokens.SubmitTokenUseCase.SubmitTokenCommand;
import dev.switchboard.application.port.in.tokens.SubmitTokenUseCase;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import dev.switchboard.application.port.out.telemetry.TokensErrorKind;
import dev.switchboard.application.port.out.telemetry.TokensRequestKind;
import dev.switchboard.domain.tokens.ClientId;
import dev.switchboard.domain.tokens.Token;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tokens protocol on the {@link LinePipeline}. A connection greets once, then sends tokens;
 * each token is answered {@code Accepted} once its handler processed it and the acceptance is
 * stored. Lines are read from the read's bytes ({@link TokenRequestReader}: the usual token line
 * without any JSON tree or decoding, anything else by a streaming read), and the answers of one
 * read leave in one write. A token whose handler answers at once (no delay, a store that stores
 * at once) is answered without a future; one that waits (the delay runs on the handler pool,
 * never on this I/O thread; a commit) holds back the answers after it, so answers stay in
 * request order however the work completes.
 */
public final class TokensPipeline implements LinePipeline.Protocol<TokensPipeline.Connection> {

    private static final Logger log = LoggerFactory.getLogger(TokensPipeline.class);
    private static final byte[] READY = bytes(TokenResponse.READY);
    private static final byte[] ACCEPTED_BEFORE = "{\"op\":\"Accepted\",\"payload\":{\"token\":\""
            .getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCEPTED_AFTER = "\"}}\n".getBytes(StandardCharsets.US_ASCII);

    private final RegisterClientUseCase registrations;
    private final SubmitTokenUseCase submissions;
    private final Telemetry telemetry;

    public TokensPipeline(RegisterClientUseCase registrations, SubmitTokenUseCase submissions,
                          Telemetry telemetry) {
        this.registrations = Objects.requireNonNull(registrations, "'registrations' must not be null");
        this.submissions = Objects.requireNonNull(submissions, "'submissions' must not be null");
        this.telemetry = Objects.requireNonNull(telemetry, "'telemetry' must not be null");
    }

    /** One connection: where it comes from, and the client it greeted as (null until then). */
    public static final class Connection {
        private final InetSocketAddress peer;
        private ClientId client;

        Connection(InetSocketAddress peer) {
            this.peer = peer;
        }
    }

    @Override
    public Connection open(IoSession session) {
        return new Connection((InetSocketAddress) session.getRemoteAddress());
    }

    @Override
    public void lines(Connection c, LinePipeline.Lines lines, Replies replies) {
        long start = System.nanoTime();
        int accepted = 0;
        while (lines.next()) {
            byte[] bytes = lines.bytes();
            int from = lines.start();
            int length = lines.length();
            int fast = TokenRequestReader.fastTokenStart(bytes, from, length);
            if (fast >= 0) {
                int tokenLength = TokenRequestReader.fastTokenLength(length);
                Token token = Token.of(new String(bytes, fast, tokenLength, StandardCharsets.ISO_8859_1));
                CompletableFuture<Long> received = submit(c, token, replies);
                if (received == null) {
                    continue;
                }
                if (received.isDone() && !received.isCompletedExceptionally()) {
                    // printable ASCII without quote or backslash: written as it came, as JSON writes it
                    replies.ready(ACCEPTED_BEFORE, bytes, fast, tokenLength, ACCEPTED_AFTER);
                    accepted++;
                } else {
                    later(token, received, start, replies);
                }
                continue;
            }
            TokenRequest request = TokenRequestReader.read(bytes, from, length);
            if (request instanceof TokenRequest.Invalid invalid) {
                refuse(replies, TokensErrorKind.BAD_REQUEST, invalid.reason());
            } else if (request instanceof TokenRequest.Greeting greeting) {
                greet(c, replies, greeting, start);
            } else if (request instanceof TokenRequest.Submit submit) {
                if (c.client == null) {
                    refuse(replies, TokensErrorKind.PROTOCOL, "Token before Greeting");
                    continue;
                }
                Token token;
                try {
                    token = Token.of(submit.token());
                } catch (IllegalArgumentException e) {
                    refuse(replies, TokensErrorKind.BAD_REQUEST, "field 'token': " + e.getMessage());
                    continue;
                }
                CompletableFuture<Long> received = submit(c, token, replies);
                if (received == null) {
                    continue;
                }
                if (received.isDone() && !received.isCompletedExceptionally()) {
                    replies.ready(bytes(new TokenResponse.Accepted(token.value())));
                    accepted++;
                } else {
                    later(token, received, start, replies);
                }
            }
        }
        // one latency per token, as /metrics counts answers: a read holds few tokens (one at a time, or a window)
        for (int i = 0; i < accepted; i++) {
            telemetry.answered(TokensRequestKind.TOKEN, start);
        }
    }

    /** Hands a token to its handler; null (and the error queued) when this connection has not greeted. */
    private CompletableFuture<Long> submit(Connection c, Token token, Replies replies) {
        if (c.client == null) {
            refuse(replies, TokensErrorKind.PROTOCOL, "Token before Greeting");
            return null;
        }
        return submissions.submit(new SubmitTokenCommand(c.client, token)).toCompletableFuture();
    }

    /** A token whose handler has not answered yet (or failed): its answer waits for it, in order. */
    private void later(Token token, CompletableFuture<Long> received, long start, Replies replies) {
        replies.later(received.handle((count, failure) -> {
            if (failure == null) {
                telemetry.answered(TokensRequestKind.TOKEN, start);
                return bytes(new TokenResponse.Accepted(token.value()));
            }
            return bytes(failed(failure));
        }), ACCEPTED_BEFORE.length + token.value().length() + ACCEPTED_AFTER.length);
    }

    private void greet(Connection c, Replies replies, TokenRequest.Greeting greeting, long start) {
        if (c.client != null) {
            refuse(replies, TokensErrorKind.PROTOCOL, "second Greeting: this connection already greeted");
            return;
        }
        ClientId client;
        try {
            client = new ClientId(greeting.clientId(), c.peer.getAddress().getHostAddress(), c.peer.getPort());
        } catch (IllegalArgumentException e) {
            refuse(replies, TokensErrorKind.BAD_REQUEST, "field 'client_id': " + e.getMessage());
            return;
        }
        registrations.register(new RegisterClientCommand(client, greeting.tokensExpected()));
        c.client = client;
        replies.ready(READY);
        telemetry.answered(TokensRequestKind.GREETING, start);
    }

    private TokenResponse failed(Throwable failure) {
        Throwable cause = Failures.root(failure);
        if (cause instanceof RejectedExecutionException) {
            telemetry.error(TokensErrorKind.STOPPING);
            return new TokenResponse.Error("the server is stopping");
        }
        StorageFailures.told(log, telemetry, cause, "tokens: storing an acceptance failed");
        return new TokenResponse.Error("storage failed");
    }

    private void refuse(Replies replies, TokensErrorKind kind, String reason) {
        telemetry.error(kind);
        replies.ready(bytes(new TokenResponse.Error(reason)));
    }

    @Override
    public byte[] tooLong(Connection c) {
        telemetry.error(TokensErrorKind.LINE_TOO_LONG);
        return bytes(new TokenResponse.Error("line longer than " + TokenWire.MAX_LINE_BYTES + " bytes"));
    }

    private static byte[] bytes(TokenResponse response) {
        return response.toLine().getBytes(StandardCharsets.UTF_8);
    }
}
