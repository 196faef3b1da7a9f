package ru.vklad.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProjectAwardsCsvTest {

    @Test
    void readsTheCrmExportWithItsHeaderAndQuotedNames() {
        List<ProjectAwardsCsv.Line> lines = ProjectAwardsCsv.parse("""
                employee_id,project,points
                E-1001,"Переезд склада, этап 2",300
                E-1002,CRM,150
                """);
        assertThat(lines).containsExactly(
                new ProjectAwardsCsv.Line(2, "E-1001", "Переезд склада, этап 2", 300L, null),
                new ProjectAwardsCsv.Line(3, "E-1002", "CRM", 150L, null));
    }

    @Test
    void brokenLinesAreReportedWithTheirNumbersAndTheRestStillRead() {
        List<ProjectAwardsCsv.Line> lines = ProjectAwardsCsv.parse(
                "E-1001,Склад,300\nE-1002,CRM\n,Портал,100\nE-1004,Бот,много\nE-1005,\"Сайт\",200\n");
        assertThat(lines).extracting(ProjectAwardsCsv.Line::number).containsExactly(1, 2, 3, 4, 5);
        assertThat(lines.get(0).valid()).isTrue();
        assertThat(lines.get(1).error()).contains("expected 3 fields");
        assertThat(lines.get(2).error()).isEqualTo("employee_id is empty");
        assertThat(lines.get(3).error()).contains("points is not a whole number: много");
        assertThat(lines.get(4)).isEqualTo(new ProjectAwardsCsv.Line(5, "E-1005", "Сайт", 200L, null));
    }

    @Test
    void semicolonsAsExcelWritesThemInRussianLocales() {
        assertThat(ProjectAwardsCsv.parse("employee_id;project;points\r\nE-1;Склад;300\r\n"))
                .containsExactly(new ProjectAwardsCsv.Line(2, "E-1", "Склад", 300L, null));
    }
}
