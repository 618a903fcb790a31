package org.drgaudit.knowledge.grouper;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses the entry conditions of the grouping tables. The language is the small subset of Java
 * expressions the national tables use, and nothing more:
 *
 * <pre>
 * expr    := and ("||" and)*
 * and     := unary ("&&" unary)*
 * unary   := "!" unary | "(" expr ")" | "true" | "false" | call | compare
 * call    := ("contains" "(" LIST "," item ")") | ("intersect" "(" seq "," seq ")")
 * compare := value (("==" | "!=" | "<" | "<=" | ">" | ">=") value)? | value ".equals(" STRING ")"
 * value   := NUMBER | STRING | "null" | VARIABLE | caseList "[" INT "]" | caseList ".length"
 *          | "count" "(" expr ("," expr)* ")"
 * </pre>
 *
 * Variables: {@code zdList} and {@code ssList} (the case's diagnoses and procedures, principal first),
 * {@code otherZdList} (the secondary diagnoses only),
 * {@code gender} ("1" male, "2" female), {@code age}, {@code ageDay}, {@code weight} (birth weight in
 * grams), {@code ventHours}, {@code dept}, and the booleans {@code HAS_MCC} and {@code HAS_CC}. Any
 * other name must be a code list of the table (e.g. {@code adrg_zd}, {@code mdc_zd}, {@code SS_VALID}).
 * Types are checked while parsing: an expression that parses is one that can be evaluated.
 */
public final class ConditionParser {

    private enum Type { BOOL, NUMBER, STRING, CASE_LIST, CODE_LIST, NULL }

    private final String text;
    private final Function<String, Set<String>> lists;
    private final List<Token> tokens;
    private int pos;

    private ConditionParser(String text, Function<String, Set<String>> lists) {
        this.text = text;
        this.lists = lists;
        this.tokens = tokenize(text);
    }

    /**
     * Compiles one condition.
     *
     * @param lists resolves a code-list name to its codes, or null when the table has no such list
     * @throws ConditionSyntaxException with the 1-based column when the text is not a valid condition
     */
    public static EntryCondition parse(String text, Function<String, Set<String>> lists) {
        if (text == null || text.isBlank()) {
            throw new ConditionSyntaxException("the condition is empty", 1);
        }
        ConditionParser p = new ConditionParser(text, lists);
        Node n = p.expr();
        if (p.peek().kind != Kind.END) {
            throw p.error("unexpected '" + p.peek().text + "'");
        }
        if (n.type != Type.BOOL) {
            throw new ConditionSyntaxException("the condition is a " + n.type.name().toLowerCase().replace('_', ' ')
                    + ", not true/false", 1);
        }
        Bool b = (Bool) n;
        Guard guard = b.guard;
        return new EntryCondition() {
            @Override
            public boolean test(GroupingContext ctx) {
                return b.test(ctx);
            }

            @Override
            public Guard guard() {
                return guard;
            }

            @Override
            public String source() {
                return text;
            }

            @Override
            public String toString() {
                return text;
            }
        };
    }

    // ---------------------------------------------------------------------------------------------
    // grammar
    // ---------------------------------------------------------------------------------------------

    private Node expr() {
        List<Bool> parts = new ArrayList<>();
        parts.add(bool(and(), "||"));
        while (accept("||")) {
            parts.add(bool(and(), "||"));
        }
        if (parts.stream().anyMatch(b -> Boolean.TRUE.equals(b.constant))) {
            return Bool.constant(true);
        }
        parts.removeIf(b -> Boolean.FALSE.equals(b.constant));
        if (parts.isEmpty()) {
            return Bool.constant(false);
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Bool[] ps = parts.toArray(Bool[]::new);
        return new Bool(ctx -> {
            for (Bool b : ps) {
                if (b.test(ctx)) {
                    return true;
                }
            }
            return false;
        }, Guard.anyOf(parts.stream().map(b -> b.guard).toList()));
    }

    private Node and() {
        List<Bool> parts = new ArrayList<>();
        parts.add(bool(unary(), "&&"));
        while (accept("&&")) {
            parts.add(bool(unary(), "&&"));
        }
        if (parts.stream().anyMatch(b -> Boolean.FALSE.equals(b.constant))) {
            return Bool.constant(false);
        }
        parts.removeIf(b -> Boolean.TRUE.equals(b.constant));
        if (parts.isEmpty()) {
            return Bool.constant(true);
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Bool[] ps = parts.toArray(Bool[]::new);
        return new Bool(ctx -> {
            for (Bool b : ps) {
                if (!b.test(ctx)) {
                    return false;
                }
            }
            return true;
        }, Guard.allOf(parts.stream().map(b -> b.guard).toList()));
    }

    private Node unary() {
        if (accept("!")) {
            Bool inner = bool(unary(), "!");
            return inner.constant != null ? Bool.constant(!inner.constant) : new Bool(ctx -> !inner.test(ctx));
        }
        if (accept("(")) {
            Node inner = expr();
            expect(")");
            return inner;
        }
        Token t = peek();
        if (t.kind == Kind.IDENT && (t.text.equals("contains") || t.text.equals("intersect")) && peekAt(1).text.equals("(")) {
            return call();
        }
        if (t.kind == Kind.IDENT && (t.text.equals("true") || t.text.equals("false"))) {
            pos++;
            return Bool.constant(t.text.equals("true"));
        }
        return compare();
    }

    private Node call() {
        Token name = next();
        expect("(");
        if (name.text.equals("contains")) {
            Token listToken = peek();
            Value list = value();
            if (list.type != Type.CODE_LIST) {
                throw error(listToken, "contains() takes a code list first, e.g. contains(adrg_zd,zdList[0])");
            }
            expect(",");
            Token itemToken = peek();
            Value item = value();
            if (item.type != Type.STRING) {
                throw error(itemToken, "contains() takes one code second, e.g. zdList[0]");
            }
            expect(")");
            Set<String> codes = list.codes;
            String listName = list.name;
            return new Bool(ctx -> {
                Object code = item.get(ctx);
                if (code != null && codes.contains(code)) {
                    ctx.matched(listName, (String) code);
                    return true;
                }
                return false;
            }, item.principal == null ? null : new Guard(item.principal, codes));
        }
        Token aToken = peek();
        Value a = value();
        expect(",");
        Token bToken = peek();
        Value b = value();
        expect(")");
        if (a.type == Type.CODE_LIST && b.type == Type.CODE_LIST || a.type != Type.CODE_LIST && b.type != Type.CODE_LIST) {
            throw error(aToken, "intersect() takes the case's zdList, otherZdList or ssList and one code list");
        }
        Value caseList = a.type == Type.CASE_LIST ? a : b;
        Value codeList = a.type == Type.CODE_LIST ? a : b;
        if (caseList.type != Type.CASE_LIST) {
            throw error(a.type == Type.CODE_LIST ? bToken : aToken, "intersect() takes zdList, otherZdList or ssList");
        }
        Set<String> codes = codeList.codes;
        String listName = codeList.name;
        return new Bool(ctx -> {
            @SuppressWarnings("unchecked")
            List<String> items = (List<String>) caseList.get(ctx);
            boolean any = false;
            for (String s : items) {
                if (codes.contains(s)) {
                    ctx.matched(listName, s);
                    any = true;
                }
            }
            return any;
        });
    }

    private Node compare() {
        Token start = peek();
        Value left = value();
        if (accept(".")) {
            Token method = next();
            if (!method.text.equals("equals")) {
                throw error(method, "only .equals(\"…\") and .length are allowed after a name");
            }
            expect("(");
            Token argToken = peek();
            Value arg = value();
            expect(")");
            if (left.type != Type.STRING || arg.type != Type.STRING) {
                throw error(argToken, ".equals() compares two texts");
            }
            return new Bool(ctx -> {
                Object l = left.get(ctx);
                return l != null && l.equals(arg.get(ctx));
            });
        }
        Token op = peek();
        if (op.kind != Kind.OP || !Set.of("==", "!=", "<", "<=", ">", ">=").contains(op.text)) {
            if (left.type == Type.BOOL) {
                return new Bool(ctx -> (Boolean) left.get(ctx));
            }
            throw error(start, "expected a condition, found a " + left.type.name().toLowerCase().replace('_', ' '));
        }
        pos++;
        Token rightToken = peek();
        Value right = value();
        String o = op.text;
        if (left.type == Type.NUMBER && right.type == Type.NUMBER) {
            return new Bool(ctx -> {
                Double l = (Double) left.get(ctx);
                Double r = (Double) right.get(ctx);
                if (l == null || r == null) {
                    return false; // an unknown value satisfies no comparison, not even !=
                }
                int c = Double.compare(l, r);
                return switch (o) {
                    case "==" -> c == 0;
                    case "!=" -> c != 0;
                    case "<" -> c < 0;
                    case "<=" -> c <= 0;
                    case ">" -> c > 0;
                    default -> c >= 0;
                };
            });
        }
        if (!o.equals("==") && !o.equals("!=")) {
            throw error(op, "'" + o + "' compares numbers only");
        }
        boolean comparable = left.type == right.type || left.type == Type.NULL || right.type == Type.NULL;
        if (!comparable || left.type == Type.CODE_LIST || right.type == Type.CODE_LIST) {
            throw error(rightToken, "cannot compare a " + left.type.name().toLowerCase().replace('_', ' ')
                    + " with a " + right.type.name().toLowerCase().replace('_', ' '));
        }
        boolean equal = o.equals("==");
        if (left.type == Type.CASE_LIST && right.type == Type.NULL || left.type == Type.NULL && right.type == Type.CASE_LIST) {
            return Bool.constant(!equal); // the case's diagnosis and procedure lists are never null (empty at most)
        }
        return new Bool(ctx -> {
            Object l = left.get(ctx);
            Object r = right.get(ctx);
            boolean same = l == null ? r == null : l.equals(r);
            return same == equal;
        });
    }

    /**
     * {@code count(c1, c2, …)}: how many of the conditions hold, as a number. Every condition is
     * evaluated (no short cut), so the trace names every code that counted; MDCZ uses it for the number
     * of body sites with a severe trauma diagnosis.
     */
    private Value count() {
        expect("(");
        List<Bool> parts = new ArrayList<>();
        do {
            parts.add(bool(expr(), "count"));
        } while (accept(","));
        expect(")");
        Bool[] ps = parts.toArray(Bool[]::new);
        return new Value(Type.NUMBER, ctx -> {
            int n = 0;
            for (Bool b : ps) {
                if (b.test(ctx)) {
                    n++;
                }
            }
            return (double) n;
        });
    }

    private Value value() {
        Token t = next();
        switch (t.kind) {
            case NUMBER -> {
                Double v = Double.valueOf(t.text);
                return new Value(Type.NUMBER, ctx -> v);
            }
            case STRING -> {
                String v = t.text;
                return new Value(Type.STRING, ctx -> v);
            }
            case IDENT -> {
                return name(t);
            }
            default -> throw error(t, "expected a name, number or text, found '" + t.text + "'");
        }
    }

    private Value name(Token t) {
        switch (t.text) {
            case "null":
                return new Value(Type.NULL, ctx -> null);
            case "count":
                if (peek().text.equals("(")) {
                    return count();
                }
                throw error(t, "count takes its conditions in parentheses, e.g. count(intersect(zdList,a),intersect(zdList,b))>=2");
            case "zdList":
            case "otherZdList":
            case "ssList":
                Function<GroupingContext, List<String>> of = t.text.equals("zdList") ? ctx -> ctx.zdList
                        : t.text.equals("ssList") ? ctx -> ctx.ssList : ctx -> ctx.otherZdList;
                Value list = new Value(Type.CASE_LIST, of::apply);
                if (accept("[")) {
                    Token index = next();
                    if (index.kind != Kind.NUMBER || index.text.contains(".")) {
                        throw error(index, "expected a whole-number index");
                    }
                    expect("]");
                    int i;
                    try {
                        i = Integer.parseInt(index.text);
                    } catch (NumberFormatException e) {
                        throw error(index, "index " + index.text + " is too large");
                    }
                    Value indexed = new Value(Type.STRING, ctx -> {
                        List<String> l = of.apply(ctx);
                        return i < l.size() ? l.get(i) : null;
                    });
                    if (i == 0 && !t.text.equals("otherZdList")) {
                        indexed.principal = t.text.equals("zdList") ? Guard.Kind.PRINCIPAL_DIAGNOSIS : Guard.Kind.PRINCIPAL_PROCEDURE;
                    }
                    return indexed;
                }
                if (peek().text.equals(".") && peekAt(1).text.equals("length")) {
                    pos += 2;
                    return new Value(Type.NUMBER, ctx -> (double) of.apply(ctx).size());
                }
                return list;
            case "gender":
                return new Value(Type.STRING, ctx -> ctx.gender);
            case "dept":
                return new Value(Type.STRING, ctx -> ctx.dept);
            case "age":
                return new Value(Type.NUMBER, ctx -> ctx.age);
            case "ageDay":
                return new Value(Type.NUMBER, ctx -> ctx.ageDay);
            case "weight":
                return new Value(Type.NUMBER, ctx -> ctx.weight);
            case "ventHours":
                return new Value(Type.NUMBER, ctx -> ctx.ventHours);
            case "HAS_MCC":
                return new Value(Type.BOOL, ctx -> ctx.hasMcc);
            case "HAS_CC":
                return new Value(Type.BOOL, ctx -> ctx.hasCc);
            default:
                Set<String> codes = lists.apply(t.text);
                if (codes == null) {
                    throw error(t, "unknown name '" + t.text + "': not a variable and not a code list of this table");
                }
                Value v = new Value(Type.CODE_LIST, ctx -> codes);
                v.codes = codes;
                v.name = t.text;
                return v;
        }
    }

    // ---------------------------------------------------------------------------------------------
    // nodes
    // ---------------------------------------------------------------------------------------------

    private interface Getter {
        Object get(GroupingContext ctx);
    }

    private interface Test {
        boolean test(GroupingContext ctx);
    }

    private abstract static class Node {
        final Type type;

        Node(Type type) {
            this.type = type;
        }
    }

    private static final class Bool extends Node {
        private final Test test;
        /** TRUE or FALSE when the value is known while parsing (folded away in && and ||); null otherwise. */
        final Boolean constant;
        /** What the principal code must be for this to hold; null when nothing is known. */
        Guard guard;

        Bool(Test test) {
            this(test, (Boolean) null);
        }

        Bool(Test test, Guard guard) {
            this(test, (Boolean) null);
            this.guard = guard;
        }

        private Bool(Test test, Boolean constant) {
            super(Type.BOOL);
            this.test = test;
            this.constant = constant;
        }

        static Bool constant(boolean value) {
            return new Bool(ctx -> value, value);
        }

        boolean test(GroupingContext ctx) {
            return test.test(ctx);
        }
    }

    private static final class Value extends Node {
        private final Getter getter;
        Set<String> codes;
        String name;
        /** PRINCIPAL_DIAGNOSIS for zdList[0], PRINCIPAL_PROCEDURE for ssList[0]; null otherwise. */
        Guard.Kind principal;

        Value(Type type, Getter getter) {
            super(type);
            this.getter = getter;
        }

        Object get(GroupingContext ctx) {
            return getter.get(ctx);
        }
    }

    private Bool bool(Node n, String operator) {
        if (n instanceof Bool b) {
            return b;
        }
        Value v = (Value) n;
        if (v.type == Type.BOOL) {
            return new Bool(ctx -> (Boolean) v.get(ctx));
        }
        throw new ConditionSyntaxException("'" + operator + "' needs true/false on both sides, found a "
                + v.type.name().toLowerCase().replace('_', ' '), tokens.get(Math.max(0, pos - 1)).column);
    }

    // ---------------------------------------------------------------------------------------------
    // tokens
    // ---------------------------------------------------------------------------------------------

    private enum Kind { IDENT, NUMBER, STRING, OP, END }

    private record Token(Kind kind, String text, int column) {
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind != Kind.END) {
            pos++;
        }
        return t;
    }

    private boolean accept(String op) {
        if (peek().kind == Kind.OP && peek().text.equals(op)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String op) {
        if (!accept(op)) {
            throw error("expected '" + op + "'" + (peek().kind == Kind.END ? " before the end" : ", found '" + peek().text + "'"));
        }
    }

    private ConditionSyntaxException error(String message) {
        return error(peek(), message);
    }

    private ConditionSyntaxException error(Token t, String message) {
        return new ConditionSyntaxException(message, t.column);
    }

    private static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Kind.IDENT, s.substring(start, i), start + 1));
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.' && i + 1 < s.length()
                        && Character.isDigit(s.charAt(i + 1)))) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, s.substring(start, i), start + 1));
            } else if (c == '"') {
                int end = s.indexOf('"', i + 1);
                if (end < 0) {
                    throw new ConditionSyntaxException("unterminated text", i + 1);
                }
                out.add(new Token(Kind.STRING, s.substring(i + 1, end), i + 1));
                i = end + 1;
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (Set.of("&&", "||", "==", "!=", "<=", ">=").contains(two)) {
                    out.add(new Token(Kind.OP, two, i + 1));
                    i += 2;
                } else if ("()[],.!<>".indexOf(c) >= 0) {
                    out.add(new Token(Kind.OP, String.valueOf(c), i + 1));
                    i++;
                } else {
                    throw new ConditionSyntaxException("unexpected character '" + c + "'", i + 1);
                }
            }
        }
        out.add(new Token(Kind.END, "", s.length() + 1));
        return out;
    }
}
