package dev.switchboard.adapter.in.tcp.common;

import dev.switchboard.application.port.out.telemetry.ConnectionErrorKind;
import dev.switchboard.application.port.out.telemetry.Telemetry;
import java.io.IOException;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.service.IoService;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First filter of every TCP service: bounds the number of connections, closes idle ones,
 * counts them, and turns any exception into one log line and a closed connection, so no
 * failure of one connection reaches another and no stack trace reaches a client.
 */
public final class ConnectionGuardFilter extends IoFilterAdapter {

    private static final Logger log = LoggerFactory.getLogger(ConnectionGuardFilter.class);
    private static final AttributeKey IDLE_EXEMPT = new AttributeKey(ConnectionGuardFilter.class, "idleExempt");
    private static final AttributeKey COUNTED = new AttributeKey(ConnectionGuardFilter.class, "counted");

    private final String service;
    private final int maxConnections;
    private final Telemetry telemetry;

    public ConnectionGuardFilter(String service, int maxConnections, Telemetry telemetry) {
        this.service = service;
        this.maxConnections = maxConnections;
        this.telemetry = telemetry;
    }

    /** Keeps a connection open while it waits for an answer that may take long (a held answer). */
    public static void exemptFromIdle(IoSession session, boolean exempt) {
        if (exempt) {
            session.setAttribute(IDLE_EXEMPT, Boolean.TRUE);
        } else {
            session.removeAttribute(IDLE_EXEMPT);
        }
    }

    @Override
    public void sessionCreated(NextFilter next, IoSession session) throws Exception {
        IoService owner = session.getService();
        if (owner.getManagedSessionCount() > maxConnections) {
            log.warn("{}: connection limit {} reached, refusing {}", service, maxConnections, session.getRemoteAddress());
            telemetry.error(ConnectionErrorKind.CONNECTION_LIMIT);
            session.closeNow();
            return;
        }
        session.setAttribute(COUNTED, Boolean.TRUE);
        telemetry.connectionOpened();
        next.sessionCreated(session);
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) throws Exception {
        if (session.removeAttribute(COUNTED) != null) {
            telemetry.connectionClosed();
        }
        next.sessionClosed(session);
    }

    @Override
    public void sessionIdle(NextFilter next, IoSession session, IdleStatus status) throws Exception {
        if (!session.containsAttribute(IDLE_EXEMPT)) {
            log.info("{}: closing idle connection {}", service, session.getRemoteAddress());
            session.closeNow();
            return;
        }
        next.sessionIdle(session, status);
    }

    @Override
    public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) {
        if (cause instanceof IOException) {
            // a peer reset or broken pipe: ordinary network life
            log.debug("{}: {} {}", service, session.getRemoteAddress(), cause.toString());
        } else {
            log.warn("{}: closing {} after an unexpected error: {}", service, session.getRemoteAddress(), cause.toString());
            log.debug("{}: details", service, cause);
            telemetry.error(ConnectionErrorKind.INTERNAL);
        }
        session.closeNow();
    }
}
