-- An erased member's manual award commands stay (HR's record of what was awarded, and the ledger's outcome) under
-- one negative id per erased member, drawn from here and stored nowhere else, as in the ledger and analytics.
CREATE SEQUENCE erased_member_seq;
