-- The ledger may hold a manual award (over a department's or the company's monthly budget) for HR's decision.
ALTER TABLE award_command DROP CONSTRAINT award_command_status_check;
ALTER TABLE award_command ADD CONSTRAINT award_command_status_check
    CHECK (status IN ('SUBMITTED', 'POSTED', 'HELD', 'DUPLICATE', 'REJECTED'));
