-- Erasure (152-FZ): an erased member's accounts, outcomes and redemptions are renamed to one negative id drawn
-- from here, stored nowhere else; the entries and their postings stay as they are, balanced.
CREATE SEQUENCE erased_member_seq;
