package dev.switchboard.adapter.in.web.admin.collector;

import dev.switchboard.adapter.in.web.admin.ApiRoute;
import dev.switchboard.application.port.in.collector.GetReceiptsUseCase;
import dev.switchboard.domain.collector.Receipt;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/sink}: {@code {"receipts":[{"batchId":"26593136.dat","bytes":4096,
 * "receivedAt":"2026-11-22T10:15:00Z"}],"duplicates":0,"count":1}}, one receipt per batch id, in
 * the order they arrived; {@code receivedAt} is UTC ISO-8601 to the millisecond.
 */
public final class SinkApi implements ApiRoute {

    record ReceiptView(String batchId, long bytes, String receivedAt) {
    }

    record SinkView(List<ReceiptView> receipts, long duplicates, long count) {
    }

    private final GetReceiptsUseCase receipts;

    public SinkApi(GetReceiptsUseCase receipts) {
        this.receipts = Objects.requireNonNull(receipts, "'receipts' must not be null");
    }

    @Override
    public Object get(Map<String, String> query) {
        GetReceiptsUseCase.SinkSnapshot snapshot = receipts.snapshot();
        List<ReceiptView> views = new ArrayList<>(snapshot.receipts().size());
        for (Receipt r : snapshot.receipts()) {
            // milliseconds, what the H2 store keeps: the same text whichever storage runs
            views.add(new ReceiptView(r.batchId().value(), r.bytes(),
                    r.receivedAt().truncatedTo(ChronoUnit.MILLIS).toString()));
        }
        return new SinkView(views, snapshot.duplicates(), views.size());
    }
}
