package org.drgaudit.shared;

import io.quarkus.qute.CompletedStage;
import io.quarkus.qute.Engine;
import io.quarkus.qute.EvalContext;
import io.quarkus.qute.Results;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;
import io.quarkus.qute.ValueResolver;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Explanation templates (Qute syntax, rendered at run time from a finding's evidence): {@code {name}} inserts an
 * evidence value, {@code {#if …}…{#else}…{/if}} chooses, and these formats write values the way explanations write
 * them in Chinese: {@code {x.money}} 1,234.50元, {@code {x.percent}} 12.5%, {@code {x.date}} 2024年3月5日,
 * {@code {x.time}} 2024年3月5日 08:00, {@code {x.hours}} 36小时, {@code {x.plain}} 1.452, {@code {list.join}} A、B.
 * Values may be the evidence as the rule gave it or as stored (JSON: numbers, ISO date strings, lists). A name the
 * evidence does not have is an error, so a template and its rule cannot drift apart unnoticed.
 */
public final class TextTemplates {

    private static final Engine ENGINE = Engine.builder().addDefaults().addValueResolver(new Formats()).strictRendering(true)
            .build();
    private static final Map<String, Template> PARSED = new ConcurrentHashMap<>();

    private TextTemplates() {
    }

    /** Where a template does not parse: line and column in the template text (1-based) and the reason. */
    public record Fault(int line, int column, String message) {
    }

    /** Null when the template parses; else where and why it does not. */
    public static Fault check(String template) {
        try {
            ENGINE.parse(template);
            return null;
        } catch (TemplateException e) {
            var origin = e.getOrigin();
            return new Fault(origin == null ? 1 : Math.max(1, origin.getLine()), origin == null ? 1 : Math.max(1, origin.getLineCharacterStart()),
                    e.getMessage());
        }
    }

    /** The template rendered with the values; throws when a name is missing or the template does not parse. */
    public static String render(String template, Map<String, ?> values) {
        Template t = PARSED.computeIfAbsent(template, ENGINE::parse);
        return t.data(values).render();
    }

    /** The formats of explanations, as virtual properties of values. */
    private static final class Formats implements ValueResolver {

        private static final java.util.Set<String> NAMES = java.util.Set.of("money", "percent", "date", "time", "hours",
                "plain", "join");

        @Override
        public int getPriority() {
            return 10;
        }

        @Override
        public boolean appliesTo(EvalContext context) {
            return context.getBase() != null && NAMES.contains(context.getName()) && context.getParams().isEmpty();
        }

        @Override
        public java.util.concurrent.CompletionStage<Object> resolve(EvalContext context) {
            Object v = context.getBase();
            Object out = switch (context.getName()) {
                case "money" -> new DecimalFormat("#,##0.00").format(number(v).setScale(2, RoundingMode.HALF_UP)) + "元";
                case "percent" -> number(v).multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
                case "hours" -> plain(number(v)) + "小时";
                case "plain" -> plain(number(v));
                case "date" -> date(v);
                case "time" -> time(v);
                case "join" -> v instanceof Collection<?> c ? c.stream().map(String::valueOf).collect(Collectors.joining("、")) : String.valueOf(v);
                default -> Results.NotFound.from(context);
            };
            return CompletedStage.of(out);
        }

        private static BigDecimal number(Object v) {
            if (v instanceof BigDecimal b) {
                return b;
            }
            return new BigDecimal(String.valueOf(v));
        }

        private static String plain(BigDecimal b) {
            return b.signum() == 0 ? "0" : b.stripTrailingZeros().toPlainString();
        }

        private static String date(Object v) {
            LocalDate d = v instanceof LocalDate ld ? ld : v instanceof LocalDateTime t ? t.toLocalDate()
                    : String.valueOf(v).length() > 10 ? LocalDateTime.parse(String.valueOf(v)).toLocalDate() : LocalDate.parse(String.valueOf(v));
            return d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
        }

        private static String time(Object v) {
            LocalDateTime t = v instanceof LocalDateTime ldt ? ldt : LocalDateTime.parse(String.valueOf(v));
            return date(t) + String.format(" %02d:%02d", t.getHour(), t.getMinute());
        }
    }
}
