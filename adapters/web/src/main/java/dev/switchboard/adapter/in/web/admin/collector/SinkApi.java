package dev.switchboard.adapter.in.web.admin.collector;

import dev.switchboard.adapter.in.web.admin.ApiException;
import dev.switchboard.adapter.in.web.admin.ApiRoute;
import dev.switchboard.adapter.in.web.admin.Page;
import dev.switchboard.application.port.in.collector.GetReceiptsUseCase;
import dev.switchboard.domain.collector.Receipt;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/sink}: {@code {"receipts":[{"batchId":"26593136.dat","bytes":4096,
 * "receivedAt":"2026-11-22T10:15:00Z"}],"duplicates":0,"count":1,"next":"..."}}, one receipt per
 * batch id, in the order they arrived, in pages ({@link Page}: {@code limit}, {@code cursor};
 * {@code next} while more remain); {@code count} is every receipt; {@code receivedAt} is UTC
 * ISO-8601 to the millisecond.
 */
public final class SinkApi implements ApiRoute {

    record ReceiptView(String batchId, long bytes, String receivedAt) {
    }


    private final GetReceiptsUseCase receipts;

    public SinkApi(GetReceiptsUseCase receipts) {
        this.receipts = Objects.requireNonNull(receipts, "'receipts' must not be null");
    }

    @Override
    public Object get(Map<String, String> query) throws ApiException {
        Page.Request request = Page.Request.of(query);
        GetReceiptsUseCase.SinkSnapshot snapshot = receipts.snapshot();
        Page<Receipt> page = Page.inArrivalOrder(snapshot.receipts(), r -> r.batchId().value(), request);
        List<ReceiptView> views = new ArrayList<>(page.items().size());
        for (Receipt r : page.items()) {
            // milliseconds, what the H2 store keeps: the same text whichever storage runs
            views.add(new ReceiptView(r.batchId().value(), r.bytes(),
                    r.receivedAt().truncatedTo(ChronoUnit.MILLIS).toString()));
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("receipts", views);
        view.put("duplicates", snapshot.duplicates());
        view.put("count", snapshot.receipts().size());
        page.next().ifPresent(next -> view.put("next", next));
        return view;
    }
}
