package ru.vklad.gateway.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MembersCsvTest {

    @Test
    void headerBomAndOptionalFieldsAreHandled() {
        List<MembersCsv.Line> lines = MembersCsv.parse("\uFEFFvk_user_id,employee_id,full_name,department,audience,time_zone\r\n"
                + "51200901,E-1,Анна Петрова,Продажи,employees,Asia/Yekaterinburg\r\n"
                + "51200902,E-2,\"Борис Иванов, мл.\",ИТ\r\n");
        assertThat(lines).hasSize(2).allMatch(MembersCsv.Line::valid);
        assertThat(lines.get(0).number()).isEqualTo(2);
        assertThat(lines.get(0).timeZone()).isEqualTo("Asia/Yekaterinburg");
        assertThat(lines.get(1).fullName()).isEqualTo("Борис Иванов, мл.");
        assertThat(lines.get(1).audience()).isNull();
    }

    @Test
    void semicolonsFromExcelWork() {
        assertThat(MembersCsv.parse("51200903;E-3;Вера Кузнецова;Склад").get(0).department()).isEqualTo("Склад");
    }

    @Test
    void eachBrokenLineSaysWhatIsWrongWithIt() {
        List<MembersCsv.Line> lines = MembersCsv.parse("""
                51200901,E-1,Анна Петрова,Продажи
                abc,E-2,Борис,ИТ
                -5,E-3,Вера,ИТ
                51200904,,Галина,ИТ
                51200905,E-5,,ИТ
                51200906,E-6
                51200901,E-7,Анна Снова,ИТ
                51200908,E-1,Дмитрий,ИТ
                """);
        assertThat(lines).extracting(MembersCsv.Line::error).containsExactly(null,
                "vk_user_id is not a VK user id: abc",
                "vk_user_id must be positive, got -5",
                "employee_id is empty",
                "full_name is empty",
                "expected 4 to 6 fields (vk_user_id, employee_id, full_name, department, audience, time_zone), got 2",
                "VK user 51200901 is already on line 1",
                "employee E-1 is already on line 1");
    }
}
