"""Outcomes and their clauses: combined, worded and sent between processes."""

from __future__ import annotations

import pickle

from checker.truth import Claim, Clause, Truth, all_of, any_of, fails, holds


def test_a_clause_hashes_as_an_equal_one_and_is_sent_without_its_cached_hash() -> None:
    clause = Clause("is absent", ("kms_key_id",), (Claim("to be set", "", "", False),))
    twin = Clause("is absent", ("kms_key_id",), (Claim("to be set", "", "", False),))
    assert hash(clause) == hash(twin) and clause == twin
    sent = pickle.loads(pickle.dumps(clause))
    assert "_hash" not in sent.__dict__
    assert sent == clause and hash(sent) == hash(clause)


def test_one_outcome_combines_as_itself_and_several_are_tidied() -> None:
    alone = fails(Clause("is 30", ("retention",)))
    assert all_of([alone]) is alone and any_of([alone]) is alone
    present = holds(Clause("is present", ("kms_key_id",)))
    assert all_of([present]).reason == "kms_key_id is present"
    both = all_of([fails(Clause("is absent", ("a",))), fails(Clause("is absent", ("b",)))])
    assert both.truth is Truth.FALSE and both.reason == "a and b are absent"
