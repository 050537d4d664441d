package dev.switchboard.domain.metrics.render;

import java.util.List;

/**
 * One function of the render API as {@code /functions} describes it to Grafana's query editor:
 * its name, group, a line of description and its parameters in order.
 */
public record RenderFunction(String name, String group, String description, List<Param> params) {

    public RenderFunction {
        params = List.copyOf(params);
    }

    /** A parameter: name, Grafana's type name ({@code seriesList}, {@code integer}, …), whether required. */
    public record Param(String name, String type, boolean required, boolean multiple, List<String> options) {

        public Param {
            options = List.copyOf(options);
        }

        static Param required(String name, String type) {
            return new Param(name, type, true, false, List.of());
        }

        static Param optional(String name, String type) {
            return new Param(name, type, false, false, List.of());
        }

        static Param many(String name, String type) {
            return new Param(name, type, true, true, List.of());
        }

        static Param choice(String name, boolean required, List<String> options) {
            return new Param(name, "aggFunc", required, false, options);
        }
    }
}
