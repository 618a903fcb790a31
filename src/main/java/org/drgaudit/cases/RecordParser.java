package org.drgaudit.cases;

import com.fasterxml.jackson.databind.JsonNode;

/** Parses one import record, reporting faults to {@code fields}; returns null when it has any. */
interface RecordParser<T> {

    T parse(JsonNode node, RecordFields fields);
}
