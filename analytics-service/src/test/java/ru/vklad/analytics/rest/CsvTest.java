package ru.vklad.analytics.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void rfc4180WithABomForExcel() {
        String csv = new Csv("department", "points").row(Arrays.asList("Продажи, опт", 12))
                .row(Arrays.asList("Отдел \"Альфа\"", 3)).row(Arrays.asList(null, 0)).toString();
        assertThat(csv).isEqualTo("\uFEFFdepartment,points\r\n\"Продажи, опт\",12\r\n\"Отдел \"\"Альфа\"\"\",3\r\n,0\r\n");
    }

    @Test
    void lineBreaksAreQuoted() {
        assertThat(Csv.field("a\nb")).isEqualTo("\"a\nb\"");
        assertThat(Csv.field("plain")).isEqualTo("plain");
    }

    @Test
    void textASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        assertThat(Csv.field("=HYPERLINK(\"http://x\",\"ИТ\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"ИТ\"\")\"");
        assertThat(Csv.field("+7 отдел")).isEqualTo("'+7 отдел");
        assertThat(Csv.field("-Склад")).isEqualTo("'-Склад");
        assertThat(Csv.field("@Склад")).isEqualTo("'@Склад");
        assertThat(Csv.field("\tИТ")).isEqualTo("'\tИТ");
        assertThat(Csv.field(-15)).as("a number is a number").isEqualTo("-15");
        assertThat(Csv.field(-0.5)).isEqualTo("-0.5");
        assertThat(Csv.field("Продажи")).isEqualTo("Продажи");
    }
}
