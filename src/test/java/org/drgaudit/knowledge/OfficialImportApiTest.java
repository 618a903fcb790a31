package org.drgaudit.knowledge;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * The official-table import over REST: the CHS-DRG 2.0 layout, and a folder in no known layout. The service reads
 * server-side files only inside its import folder (the test profile's is target/test-data/imports), so the reference
 * tables are copied there at test time.
 */
@QuarkusTest
class OfficialImportApiTest {

    private static final Path SHARED = Path.of("../shared/data");
    private static final Path IMPORTS = Path.of("target/test-data/imports");

    private static void copy(String folder) throws java.io.IOException {
        Path from = SHARED.resolve(folder);
        Path to = IMPORTS.resolve(folder);
        try (var files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!Files.exists(target)) {
                    Files.copy(f, target);
                }
            }
        }
    }

    @Test
    void theTwoPointZeroTablesImportWithTheirLayoutNamed() throws Exception {
        assumeTrue(Files.isDirectory(SHARED.resolve("chs-drg-2.0")) && Files.isDirectory(SHARED.resolve("chs-drg-opendrg/icd")),
                "../shared/data (CHS-DRG 2.0 tables) is not present; skipping the 2.0 import over REST");
        copy("chs-drg-2.0");
        copy("chs-drg-opendrg/icd");
        copy("harbin-chs-drg-weights");
        As.user("policy").contentType("application/json").body("""
                {"tablesDir": "chs-drg-2.0", "weightsFile": "harbin-chs-drg-weights/weights_2024.tsv", "grouperVersion": "CHS-DRG-2.0",
                 "catalogue": "national-2025-api", "costPerWeight": 12252.70}""")
                .post("/api/knowledge/official-import").then().statusCode(200)
                .body("layout", equalTo("CHS-DRG 2.0"))
                .body("grouperVersion", equalTo("CHS-DRG-2.0"))
                .body("groups", equalTo(634))
                .body("entryCodesAddedToDictionaries", equalTo(76))
                .body("notes.find { it.contains('ambiguous') }", containsString("no ambiguous groups"));
    }

    @Test
    void aFolderInNoKnownLayoutIsRefusedSayingWhatIsExpected() throws Exception {
        Path empty = Files.createDirectories(IMPORTS.resolve("official-import-empty"));
        Path weights = Files.writeString(empty.resolve("weights.tsv"), "drg_code\trelative_weight\tdrg_name\n");
        Path icd = Files.createDirectories(empty.resolve("icd"));
        Files.writeString(icd.resolve("yb2_icd10_diagnoses.tsv"), "dx_code\tdx_name\n");
        Files.writeString(icd.resolve("yb2_icd9cm3_procedures.tsv"), "proc_code\tproc_name\n");
        As.user("policy").contentType("application/json").body("""
                {"tablesDir": "official-import-empty", "weightsFile": "official-import-empty/weights.tsv",
                 "icdDir": "official-import-empty/icd"}""")
                .post("/api/knowledge/official-import").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("neither known layout"));
        As.user("policy").contentType("application/json").body("""
                {"tablesDir": "official-import-empty", "weightsFile": "official-import-empty/weights.tsv",
                 "icdDir": "official-import-empty/no-such-folder"}""")
                .post("/api/knowledge/official-import").then().statusCode(400)
                .body("detail", containsString("icdDir"));
    }
}
