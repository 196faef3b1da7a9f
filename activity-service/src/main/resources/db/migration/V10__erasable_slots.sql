-- Erasure deletes a member's award slots (see MemberTraces); find them without reading every slot.
CREATE INDEX award_slot_member_idx ON award_slot (member_vk_id);
