package org.drgaudit.cases;

import java.util.List;
import org.drgaudit.shared.CopyRows;

/** Where one kind of NDJSON record is stored, and how its columns are filled from a parsed record. */
interface ImportTarget<T> {

    /** Table with columns {@code payload}, {@code content_hash} and {@code imported_at} besides {@link #columns()}. */
    String table();

    String keyColumn();

    /** The record's id field in the import format, for messages ("caseId"). */
    String keyField();

    List<String> columns();

    void writeColumns(T record, CopyRows row);

    /** Whether a replaced record is copied to {@code <table>_history} first. */
    boolean keepsHistory();

    /** Stable bucket of a patient: the sweep's unit of partitioning. */
    static int patientBucket(String patientId) {
        return Math.floorMod(patientId.hashCode(), 1024);
    }
}
