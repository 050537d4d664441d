package dev.switchboard.domain.collector;

/**
 * The receipt rule of the sink: the first batch with an id is stored; a batch whose id was seen
 * before is acknowledged all the same (the sender may not have heard the first answer) but not
 * stored again.
 */
public enum ReceiptOutcome {
    STORED, DUPLICATE
}
