"""The compact word set that holds the Vietnamese dictionary in every worker process."""

import pickle

from lint.wordset import WordSet


def test_members_and_strangers():
    ws = WordSet(["tiên tiến", "học sinh", "sinh viên", "hoà bình"])
    assert "tiên tiến" in ws and "học sinh" in ws and "hoà bình" in ws
    assert "tiến tiến" not in ws  # one tone mark differs: another word
    assert "học" not in ws and "" not in ws and "hòa bình" not in ws
    assert None not in ws and 3 not in ws
    assert len(ws) == 4


def test_duplicates_count_once_and_empty_set_is_empty():
    assert len(WordSet(["a", "a", "b"])) == 2
    assert "a" not in WordSet()


def test_survives_the_compiled_cache():
    ws = WordSet(f"từ {i}" for i in range(5000))
    back = pickle.loads(pickle.dumps(ws, protocol=pickle.HIGHEST_PROTOCOL))
    assert all(f"từ {i}" in back for i in range(5000))
    assert "từ 5000" not in back
    assert len(pickle.dumps(ws)) < 5000 * 8 + 200  # eight bytes a word
