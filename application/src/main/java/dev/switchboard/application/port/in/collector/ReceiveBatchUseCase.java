package dev.switchboard.application.port.in.collector;

import java.util.concurrent.CompletionStage;

/**
 * Use case: the sink takes a batch. The stage completes once the receipt is stored durably (or
 * the id was seen before and the duplicate counted), and fails if it could not be stored: only
 * then may the sink say 2xx.
 */
public interface ReceiveBatchUseCase {

    CompletionStage<BatchReceived> receive(ReceiveBatchCommand command);
}
