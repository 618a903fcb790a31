package org.drgaudit.shared;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads NDJSON uploads line by line as they must be: strict UTF-8 (an invalid byte sequence or an encoded
 * surrogate is refused with its line, never replaced), a bounded line length, and JSON objects without
 * duplicate keys. Memory holds one line at a time.
 */
public final class Ndjson {

    /** A line longer than this is refused (a settled case is a few kB). */
    public static final int MAX_LINE_BYTES = 1 << 20;

    /** Jackson reading an upload's line: a key given twice is an error, not "the last one wins". */
    public static final ObjectReader STRICT = CanonicalJson.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private Ndjson() {
    }

    /** One line of an upload: its text, or why it could not be read, and where the fault is when that is known. */
    public record Line(long number, String text, String fault, String faultField) {

        public boolean readable() {
            return fault == null;
        }
    }

    /** A parsed line: the JSON node, or the fault with the field it concerns (null when unknown). */
    public record Parsed(JsonNode node, String fault, String faultField) {
    }

    /** Parses a line's text strictly; a duplicate key is reported on that key. */
    public static Parsed parse(String text) {
        try {
            return new Parsed(STRICT.readTree(text), null, null);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field '")) {
                String field = message.substring("Duplicate field '".length(), message.indexOf('\'', "Duplicate field '".length()));
                return new Parsed(null, "appears twice in the record; give each field once", field);
            }
            return new Parsed(null, "not valid JSON: " + message, null);
        }
    }

    /** The lines of a stream; blank lines are returned too (callers skip them), a UTF-8 byte-order mark is dropped. */
    public static final class Lines {
        private final InputStream in;
        private final byte[] buffer = new byte[1 << 16];
        private int pos;
        private int limit;
        private boolean eof;
        private long number;
        private byte[] line = new byte[1 << 12];
        private final CharsetDecoder strict = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

        public Lines(InputStream in) {
            this.in = in;
        }

        /** The next line, or null at the end of the stream. */
        public Line next() throws IOException {
            int length = 0;
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (pos == limit) {
                    if (eof || !fill()) {
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                }
                any = true;
                int start = pos;
                while (pos < limit && buffer[pos] != '\n') {
                    pos++;
                }
                int n = pos - start;
                if (!tooLong) {
                    if (length + n > MAX_LINE_BYTES) {
                        tooLong = true;
                    } else {
                        if (length + n > line.length) {
                            line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
                        }
                        System.arraycopy(buffer, start, line, length, n);
                        length += n;
                    }
                }
                if (pos < limit) {
                    pos++;
                    break;
                }
            }
            number++;
            if (tooLong) {
                return new Line(number, null, "is longer than " + MAX_LINE_BYTES + " bytes; one record per line", null);
            }
            int from = 0;
            if (number == 1 && length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) {
                from = 3;
            }
            if (length > from && line[length - 1] == '\r') {
                length--;
            }
            return decode(number, line, from, length);
        }

        private Line decode(long number, byte[] bytes, int from, int to) {
            String text = new String(bytes, from, to - from, StandardCharsets.UTF_8);
            if (text.indexOf('\uFFFD') < 0) {
                return new Line(number, text, null, null);
            }
            // the fast decoder replaced something, or the text holds a real U+FFFD: decide strictly
            strict.reset();
            ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
            CoderResult result = strict.decode(in, CharBuffer.allocate(to - from + 1), true);
            if (!result.isError()) {
                return new Line(number, text, null, null);
            }
            return new Line(number, null, "is not valid UTF-8 (byte " + (in.position() - from + 1) + " of the line); send the "
                    + "file encoded as UTF-8", fieldHolding(text));
        }

        private boolean fill() throws IOException {
            int n = in.read(buffer);
            if (n <= 0) {
                eof = true;
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        }
    }

    /** The path of the first key or string value holding a replacement character, so a bad byte has its field. */
    static String fieldHolding(String lenientText) {
        try {
            return find(CanonicalJson.MAPPER.readTree(lenientText), "");
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String find(JsonNode node, String path) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\uFFFD') >= 0 ? path : null;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (e.getKey().indexOf('\uFFFD') >= 0) {
                    return p;
                }
                String found = find(e.getValue(), p);
                if (found != null) {
                    return found;
                }
            }
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = find(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
