package org.drgaudit.shared;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Request bodies name each field once (a repeated key is a 400, not "the last one wins"), and their texts hold no
 * NUL and no unpaired surrogate, which PostgreSQL cannot store: refused with the field, before any service runs.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.registerModule(new SimpleModule("strict-texts").addDeserializer(String.class, new StrictText()));
    }

    /** Jackson's own string reading, then a check of the characters. */
    static final class StrictText extends StdScalarDeserializer<String> {

        StrictText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String s = StringDeserializer.instance.deserialize(p, ctxt);
            if (s == null) {
                return null;
            }
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean unpaired = Character.isHighSurrogate(c) ? i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(++i))
                        : Character.isLowSurrogate(c);
                if (c == 0 || unpaired) {
                    throw InvalidFormatException.from(p, c == 0 ? "the text contains a NUL character (\\u0000)"
                            : "the text contains an unpaired UTF-16 surrogate, which is no character", Months.shown(s), String.class);
                }
            }
            return s;
        }
    }
}
