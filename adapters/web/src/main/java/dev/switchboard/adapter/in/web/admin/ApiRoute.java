package dev.switchboard.adapter.in.web.admin;

import java.util.Map;

/**
 * One {@code GET /api/...} endpoint of the admin server: reads the query parameters and returns
 * an object that is written as JSON (records, maps, lists and primitives).
 */
@FunctionalInterface
public interface ApiRoute {

    Object get(Map<String, String> query) throws ApiException;
}
