-- The numbers of an agency's numbered batches (text dialect <agency>;<count>;<batch>): a batch
-- whose number is here is stored already, so a resend is answered without storing it twice.
CREATE TABLE IF NOT EXISTS lottery_batch_number (
    agency INTEGER NOT NULL,
    batch_number BIGINT NOT NULL,
    PRIMARY KEY (agency, batch_number)
);
