package org.drgaudit.campaigns;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.drgaudit.As;
import org.junit.jupiter.api.Test;

/**
 * A campaign whose random sample finds nothing at one hospital (0 errors of 6) and everything at another (2 of 2):
 * its results and exports work, with the exact one-sided bounds at the edges, and once it is closed a clearing run
 * of the region still opens (the statement's workbook shows labels, local times and money formats).
 */
@QuarkusTest
class CleanSampleTest {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Test
    void aCleanSampleAndAnAllWrongOneGiveExactBoundsAndNeitherBreaksResultsExportsOrClearing() throws Exception {
        long campaign = LoopMonth.drawn("12月随机抽查（无差错）",
                "\"hospitalCodes\":[\"H006\",\"H007\"],\"randomShare\":0.5,\"minPerHospital\":2,\"maxSuspicious\":0,"
                        + "\"seed\":12,\"extrapolate\":true");
        JsonPath items = LoopMonth.items(campaign);
        List<Integer> h006 = items.getList("findAll { it.hospitalCode == 'H006' && it.findingIds.isEmpty() }.id");
        List<Integer> h007 = items.getList("findAll { it.hospitalCode == 'H007' && it.findingIds.isEmpty() }.id");
        assertEquals(4, h006.size(), "half of H006's eight ordinary cases");
        assertEquals(2, h007.size(), "the minimum of two of H007's four");
        for (int id : items.<Integer>getList("findAll { !it.findingIds.isEmpty() }.id")) {
            LoopMonth.act("inspector", id, "{\"action\":\"DISMISS\",\"reason\":\"不在本次随机抽查范围内审核\"}").statusCode(200);
        }
        for (int id : h006) {
            LoopMonth.act("inspector", id, "{\"action\":\"DISMISS\",\"reason\":\"编码与病历一致\"}").statusCode(200);
        }
        for (int id : h007) {
            LoopMonth.toAppeal(id);
            LoopMonth.act("h007", id, "{\"action\":\"ACCEPT\"}").statusCode(200);
            LoopMonth.act("reviewer", id, "{\"action\":\"CONFIRM\",\"reason\":\"无指征住院\",\"amount\":500,"
                    + "\"family\":\"too-little-service\",\"severity\":\"MINOR\"}").statusCode(200);
        }

        JsonPath results = As.inspector().get("/api/campaigns/" + campaign + "/results").then().statusCode(200).extract().jsonPath();
        // 0 of 4: [0, 1 − 0.025^(1/4)] = [0, 0.6024]; 2 of 2: [0.025^(1/2), 1] = [0.1581, 1] (R: binom.test)
        assertEquals(0.0, results.getDouble("hospitals.find { it.hospitalCode == 'H006' }.errorRate"));
        assertEquals(0.0, results.getDouble("hospitals.find { it.hospitalCode == 'H006' }.errorRateLow95"));
        assertEquals(1 - Math.pow(0.025, 0.25), results.getDouble("hospitals.find { it.hospitalCode == 'H006' }.errorRateHigh95"), 1e-6);
        assertEquals(1.0, results.getDouble("hospitals.find { it.hospitalCode == 'H007' }.errorRate"));
        assertEquals(Math.sqrt(0.025), results.getDouble("hospitals.find { it.hospitalCode == 'H007' }.errorRateLow95"), 1e-6);
        assertEquals(1.0, results.getDouble("hospitals.find { it.hospitalCode == 'H007' }.errorRateHigh95"));
        assertEquals(0.0, results.getDouble("hospitals.find { it.hospitalCode == 'H006' }.extrapolation.lowerBound90"));

        As.inspector().get("/api/campaigns/" + campaign + "/export").then().statusCode(200)
                .body("results.hospitals.find { it.hospitalCode == 'H006' }.randomErrors", equalTo(0));
        byte[] workbook = As.inspector().accept(XLSX).get("/api/campaigns/" + campaign + "/export").then().statusCode(200)
                .extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbook))) {
            Row h006Row = wb.getSheet("结果").getRow(1);
            assertEquals("H006", h006Row.getCell(0).getStringCellValue());
            assertEquals(0.0, h006Row.getCell(6).getNumericCellValue());
            assertEquals("0.00%", h006Row.getCell(6).getCellStyle().getDataFormatString());
        }

        As.inspector().post("/api/campaigns/" + campaign + "/close").then().statusCode(200).body("openItemsAtClose", equalTo(0));
        long run = As.inspector().contentType("application/json").body("{\"region\":\"demo\",\"year\":2024}")
                .post("/api/clearing-runs").then().statusCode(201).extract().jsonPath().getLong("id");

        JsonPath runView = As.inspector().get("/api/clearing-runs/" + run).jsonPath();
        byte[] statement = As.inspector().get("/api/clearing-runs/" + run + "/statements/H007?format=xlsx").then().statusCode(200)
                .extract().asByteArray();
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(statement))) {
            Sheet summary = wb.getSheet("清算单");
            Row created = find(summary, "创建时间");
            LocalDateTime local = OffsetDateTime.parse(runView.getString("createdAt")).atZoneSameInstant(ZoneId.of("Asia/Shanghai"))
                    .toLocalDateTime();
            assertEquals(local.withNano(0), created.getCell(1).getLocalDateTimeCellValue().withNano(0), "Asia/Shanghai local time");
            Row balance = find(summary, "清算差额（元，正数为应拨付，负数为应追回）");
            assertEquals(CellType.NUMERIC, balance.getCell(1).getCellType());
            assertEquals("#,##0.00", balance.getCell(1).getCellStyle().getDataFormatString());
            Sheet lines = wb.getSheet("明细");
            for (Row row : lines) {
                if (row.getRowNum() > 0) {
                    String source = row.getCell(2).getStringCellValue();
                    assertTrue(List.of("病组", "病例", "疑点", "专项抽查", "清算参数").contains(source), source);
                    Cell amount = row.getCell(8);
                    assertEquals("#,##0.00", amount.getCellStyle().getDataFormatString());
                }
            }
        }
    }

    private static Row find(Sheet sheet, String label) {
        for (Row row : sheet) {
            if (row.getCell(0) != null && label.equals(row.getCell(0).getStringCellValue())) {
                return row;
            }
        }
        throw new AssertionError("no row " + label);
    }
}
