package org.drgaudit.knowledge;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/** The official-table import over REST: the CHS-DRG 2.0 layout, and a folder in no known layout. */
@QuarkusTest
class OfficialImportApiTest {

    private static final Path TABLES_20 = Path.of("../shared/data/chs-drg-2.0");
    private static final Path WEIGHTS = Path.of("../shared/data/harbin-chs-drg-weights/weights_2024.tsv");

    @Test
    void theTwoPointZeroTablesImportWithTheirLayoutNamed() {
        assumeTrue(Files.isDirectory(TABLES_20) && Files.exists(WEIGHTS),
                "../shared/data (CHS-DRG 2.0 tables) is not present; skipping the 2.0 import over REST");
        As.user("policy").contentType("application/json").body("""
                {"tablesDir": "%s", "weightsFile": "%s", "grouperVersion": "CHS-DRG-2.0", "catalogue": "national-2025-api",
                 "costPerWeight": 12252.70}""".formatted(TABLES_20.toAbsolutePath(), WEIGHTS.toAbsolutePath()))
                .post("/api/knowledge/official-import").then().statusCode(200)
                .body("layout", equalTo("CHS-DRG 2.0"))
                .body("grouperVersion", equalTo("CHS-DRG-2.0"))
                .body("groups", equalTo(634))
                .body("entryCodesAddedToDictionaries", equalTo(76))
                .body("notes.find { it.contains('ambiguous') }", containsString("no ambiguous groups"));
    }

    @Test
    void aFolderInNoKnownLayoutIsRefusedSayingWhatIsExpected() throws Exception {
        Path empty = Files.createDirectories(Path.of("target/official-import-empty"));
        Path weights = Files.writeString(empty.resolve("weights.tsv"), "drg_code\trelative_weight\tdrg_name\n");
        Path icd = Files.createDirectories(empty.resolve("icd"));
        Files.writeString(icd.resolve("yb2_icd10_diagnoses.tsv"), "dx_code\tdx_name\n");
        Files.writeString(icd.resolve("yb2_icd9cm3_procedures.tsv"), "proc_code\tproc_name\n");
        As.user("policy").contentType("application/json").body("""
                {"tablesDir": "%s", "weightsFile": "%s", "icdDir": "%s"}""".formatted(empty.toAbsolutePath(), weights.toAbsolutePath(),
                        icd.toAbsolutePath()))
                .post("/api/knowledge/official-import").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("neither known layout"));
        As.user("policy").contentType("application/json").body("""
                {"tablesDir": "%s", "weightsFile": "%s", "icdDir": "/no/such/folder"}""".formatted(empty.toAbsolutePath(),
                        weights.toAbsolutePath()))
                .post("/api/knowledge/official-import").then().statusCode(400)
                .body("detail", containsString("icdDir"));
    }
}
