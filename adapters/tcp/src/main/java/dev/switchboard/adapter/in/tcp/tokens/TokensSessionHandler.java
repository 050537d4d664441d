package dev.switchboard.adapter.in.tcp.tokens;

import dev.switchboard.adapter.in.tcp.common.ConnectionGuardFilter;
import dev.switchboard.application.port.Failures;
import dev.switchboard.adapter.in.tcp.common.ReplySequencer;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenRequest;
import dev.switchboard.adapter.tcp.tokens.protocol.TokenResponse;
import dev.switchboard.application.port.in.tokens.RegisterClientUseCase;
import dev.switchboard.application.port.in.tokens.RegisterClientUseCase.RegisterClientCommand;
import dev.switchboard.application.port.in.tokens.SubmitTokenUseCase;
import dev.switchboard.application.port.in.tokens.SubmitTokenUseCase.SubmitTokenCommand;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import dev.switchboard.application.port.out.telemetry.TokensErrorKind;
import dev.switchboard.application.port.out.telemetry.TokensRequestKind;
import dev.switchboard.domain.tokens.ClientId;
import dev.switchboard.domain.tokens.Token;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * MINA handler of the tokens protocol. A connection greets once, then sends tokens; each token
 * is answered {@code Accepted} once its handler processed it and the acceptance is stored. The
 * work runs on the handler pool's threads, never on this I/O thread, and the
 * {@link ReplySequencer} keeps the answers in request order, so a client may pipeline.
 */
public final class TokensSessionHandler extends IoHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(TokensSessionHandler.class);
    /** The client this connection greeted as; absent until the greeting. */
    private static final AttributeKey CLIENT = new AttributeKey(TokensSessionHandler.class, "client");

    private final RegisterClientUseCase registrations;
    private final SubmitTokenUseCase submissions;
    private final Telemetry telemetry;

    public TokensSessionHandler(RegisterClientUseCase registrations, SubmitTokenUseCase submissions,
                                Telemetry telemetry) {
        this.registrations = Objects.requireNonNull(registrations, "'registrations' must not be null");
        this.submissions = Objects.requireNonNull(submissions, "'submissions' must not be null");
        this.telemetry = Objects.requireNonNull(telemetry, "'telemetry' must not be null");
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        long start = System.nanoTime();
        ReplySequencer replies = ReplySequencer.of(session);
        TokenRequest request = (TokenRequest) message;
        if (request instanceof TokenRequest.TooLong tooLong) {
            telemetry.error(TokensErrorKind.LINE_TOO_LONG);
            replies.enqueueFinal(new TokenResponse.Error("line longer than " + tooLong.limit() + " bytes"));
        } else if (request instanceof TokenRequest.Invalid invalid) {
            refuse(replies, TokensErrorKind.BAD_REQUEST, invalid.reason());
        } else if (request instanceof TokenRequest.Greeting greeting) {
            greet(session, replies, greeting, start);
        } else if (request instanceof TokenRequest.Submit submit) {
            submit(session, replies, submit, start);
        }
    }

    private void greet(IoSession session, ReplySequencer replies, TokenRequest.Greeting greeting, long start) {
        if (session.containsAttribute(CLIENT)) {
            refuse(replies, TokensErrorKind.PROTOCOL, "second Greeting: this connection already greeted");
            return;
        }
        InetSocketAddress peer = (InetSocketAddress) session.getRemoteAddress();
        ClientId client;
        try {
            client = new ClientId(greeting.clientId(), peer.getAddress().getHostAddress(), peer.getPort());
        } catch (IllegalArgumentException e) {
            refuse(replies, TokensErrorKind.BAD_REQUEST, "field 'client_id': " + e.getMessage());
            return;
        }
        registrations.register(new RegisterClientCommand(client, greeting.tokensExpected()));
        session.setAttribute(CLIENT, client);
        replies.enqueueNow(TokenResponse.READY);
        telemetry.answered(TokensRequestKind.GREETING, start);
    }

    private void submit(IoSession session, ReplySequencer replies, TokenRequest.Submit submit, long start) {
        ClientId client = (ClientId) session.getAttribute(CLIENT);
        if (client == null) {
            refuse(replies, TokensErrorKind.PROTOCOL, "Token before Greeting");
            return;
        }
        Token token;
        try {
            token = Token.of(submit.token());
        } catch (IllegalArgumentException e) {
            refuse(replies, TokensErrorKind.BAD_REQUEST, "field 'token': " + e.getMessage());
            return;
        }
        CompletionStage<TokenResponse> answer = submissions.submit(new SubmitTokenCommand(client, token))
                .handle((received, failure) -> {
                    if (failure == null) {
                        telemetry.answered(TokensRequestKind.TOKEN, start);
                        return new TokenResponse.Accepted(token.value());
                    }
                    return failed(failure);
                });
        replies.enqueue(answer);
        // a client waiting for slow handlers sends nothing, yet it is not idle
        ConnectionGuardFilter.exemptFromIdle(session, true);
    }

    private TokenResponse failed(Throwable failure) {
        Throwable cause = Failures.root(failure);
        if (cause instanceof RejectedExecutionException) {
            telemetry.error(TokensErrorKind.STOPPING);
            return new TokenResponse.Error("the server is stopping");
        }
        log.warn("tokens: storing an acceptance failed: {}", cause.toString());
        telemetry.error(TokensErrorKind.STORAGE);
        return new TokenResponse.Error("storage failed");
    }

    private void refuse(ReplySequencer replies, TokensErrorKind kind, String reason) {
        telemetry.error(kind);
        replies.enqueueNow(new TokenResponse.Error(reason));
    }

    @Override
    public void messageSent(IoSession session, Object message) {
        ReplySequencer replies = ReplySequencer.of(session);
        replies.written();
        // messageSent and messageReceived of one session run on its I/O thread, one at a time
        if (replies.pending() == 0) {
            ConnectionGuardFilter.exemptFromIdle(session, false);
        }
    }
}
