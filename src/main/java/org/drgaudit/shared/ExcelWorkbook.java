package org.drgaudit.shared;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * An Excel workbook (Apache POI) written the way every export of the service is: a bold header row, money with
 * thousands separators and two decimals, rates as percentages, date-times as real date cells in the region's
 * zone, and text cut at Excel's cell limit (32,767 characters) with a visible marker, since one over-long text
 * (an appeal reason, say) would otherwise make the whole workbook fail for everyone. The API keeps the full text.
 */
public final class ExcelWorkbook implements AutoCloseable {

    /** Excel's limit on the characters of one cell. */
    public static final int MAX_CELL_TEXT = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final ZoneId zone;
    private final CellStyle header;
    private final CellStyle money;
    private final CellStyle percent;
    private final CellStyle dateTime;
    private final CellStyle date;

    /** An amount in CNY, shown as {@code #,##0.00}. */
    public record Money(BigDecimal value) {
    }

    /** A rate between 0 and 1, shown as a percentage. */
    public record Percent(Double value) {
    }

    public ExcelWorkbook(ZoneId zone) {
        this.zone = zone;
        Font bold = workbook.createFont();
        bold.setBold(true);
        header = workbook.createCellStyle();
        header.setFont(bold);
        money = style("#,##0.00");
        percent = style("0.00%");
        dateTime = style("yyyy-mm-dd hh:mm:ss");
        date = style("yyyy-mm-dd");
    }

    public static Money money(BigDecimal value) {
        return new Money(value);
    }

    public static Percent percent(Double value) {
        return new Percent(value);
    }

    /** A new sheet with a bold header row (none when no names are given) and that row frozen. */
    public Sheet sheet(String name, String... columns) {
        Sheet sheet = workbook.createSheet(name);
        if (columns.length > 0) {
            Row row = sheet.createRow(0);
            for (int i = 0; i < columns.length; i++) {
                Cell cell = row.createCell(i);
                cell.setCellValue(columns[i]);
                cell.setCellStyle(header);
            }
            sheet.createFreezePane(0, 1);
        }
        return sheet;
    }

    /** Appends a row of values: null leaves the cell empty; see the class comment for how each type is shown. */
    public void append(Sheet sheet, Object... values) {
        Row row = sheet.createRow(sheet.getPhysicalNumberOfRows() == 0 ? 0 : sheet.getLastRowNum() + 1);
        for (int i = 0; i < values.length; i++) {
            write(row, i, values[i]);
        }
    }

    /** Column widths in characters, from the first column on. */
    public void widths(Sheet sheet, int... characters) {
        for (int i = 0; i < characters.length; i++) {
            sheet.setColumnWidth(i, Math.min(255, characters[i]) * 256);
        }
    }

    public byte[] toBytes() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the workbook failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text as one cell can hold it: unchanged up to {@link #MAX_CELL_TEXT} characters, else its start and a
     * marker saying how long the whole text is and where to read it. Never splits a surrogate pair.
     */
    public static String fitCell(String text) {
        if (text.length() <= MAX_CELL_TEXT) {
            return text;
        }
        String marker = "……【已截断：全文共 " + text.length() + " 字符，超出 Excel 单元格上限 " + MAX_CELL_TEXT
                + "，全文见系统接口】";
        int keep = MAX_CELL_TEXT - marker.length();
        if (Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep) + marker;
    }

    private void write(Row row, int column, Object value) {
        if (value == null || value instanceof Money m && m.value() == null || value instanceof Percent p && p.value() == null) {
            return;
        }
        Cell cell = row.createCell(column);
        if (value instanceof Money m) {
            styled(cell, money).setCellValue(m.value().doubleValue());
        } else if (value instanceof Percent p) {
            styled(cell, percent).setCellValue(p.value());
        } else if (value instanceof OffsetDateTime t) {
            styled(cell, dateTime).setCellValue(t.atZoneSameInstant(zone).toLocalDateTime());
        } else if (value instanceof Instant t) {
            styled(cell, dateTime).setCellValue(LocalDateTime.ofInstant(t, zone));
        } else if (value instanceof LocalDateTime t) {
            styled(cell, dateTime).setCellValue(t);
        } else if (value instanceof LocalDate d) {
            styled(cell, date).setCellValue(d);
        } else if (value instanceof Number n) {
            cell.setCellValue(n.doubleValue());
        } else if (value instanceof Boolean b) {
            cell.setCellValue(b ? "是" : "否");
        } else {
            cell.setCellValue(fitCell(String.valueOf(value)));
        }
    }

    private static Cell styled(Cell cell, CellStyle style) {
        cell.setCellStyle(style);
        return cell;
    }

    private CellStyle style(String format) {
        CellStyle s = workbook.createCellStyle();
        s.setDataFormat(workbook.createDataFormat().getFormat(format));
        return s;
    }
}
