package dev.switchboard.adapter.in.web.admin;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** The one JSON writer of the admin server: compact, nulls kept (a {@code lastError} may be null). */
public final class Json {

    private static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private Json() {
    }

    public static String write(Object value) {
        return GSON.toJson(value);
    }

    public static Gson gson() {
        return GSON;
    }
}
