package ru.vklad.gateway.persistence;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MemberRepository implements PanacheRepositoryBase<Member, Long> {

    public Uni<Member> findByEmployeeId(String employeeId) {
        return find("employeeId", employeeId).firstResult();
    }

    /** Members by name, optionally of one department and/or whose name or employee id contains {@code text}. */
    public Uni<List<Member>> list(String department, String text, Page page) {
        StringBuilder query = new StringBuilder("1 = 1");
        Parameters params = new Parameters();
        if (department != null) {
            query.append(" and department = :department");
            params.and("department", department);
        }
        if (text != null) {
            query.append(" and (lower(fullName) like :text or lower(employeeId) like :text)");
            params.and("text", "%" + text.toLowerCase().replace("%", "").replace("_", "") + "%");
        }
        return find(query.toString(), Sort.by("fullName").and("vkUserId"), params).page(page).list();
    }
}
