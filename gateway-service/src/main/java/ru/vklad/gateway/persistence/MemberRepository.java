package ru.vklad.gateway.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MemberRepository implements PanacheRepositoryBase<Member, Long> {

    public Uni<Member> findByEmployeeId(String employeeId) {
        return find("employeeId", employeeId).firstResult();
    }
}
