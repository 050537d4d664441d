package dev.switchboard.bootstrap.soak;

import java.io.IOException;
import java.io.InputStream;
import java.util.Random;

/** What the soak needs to know of one protocol: a well-behaved conversation and the hostile byte streams. */
interface SoakProtocol {

    String service();

    /**
     * One well-behaved client's whole conversation: its writes, then reads that must return exactly
     * what it wrote.
     *
     * @return null when every answer was right, else what was wrong
     */
    String converse(Wire wire, int index, int requests) throws IOException;

    /**
     * A client that connects after the soak: must be served normally ({@code clients} well-behaved
     * clients with {@code requests} each have run before it).
     *
     * @return null when it was served right, else what was wrong
     */
    String fresh(Wire wire, int clients, int requests) throws IOException;

    /**
     * Reads one whole answer from a hostile client's stream.
     *
     * @return the answer, or null at a clean end of stream
     * @throws ProtocolViolation when the bytes are not an answer of this protocol
     */
    String readAnswer(InputStream in) throws IOException;

    /** Random bytes (with some structure where the protocol has it, so the decoder gets past its first check). */
    byte[] junk(Random random, int size);

    /** The start of a message that never ends. */
    byte[] endlessStart();

    /** What the never-ending message goes on with, again and again. */
    byte[] endlessMore();

    /** Bytes sent once before pipelining (a greeting), or an empty array. */
    byte[] pipelineStart();

    /** One request, sent again and again by the client that never reads. */
    byte[] pipelined();

    /** An answer that is not the protocol's. */
    final class ProtocolViolation extends IOException {
        ProtocolViolation(String message) {
            super(message);
        }
    }
}
