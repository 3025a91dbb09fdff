from casebook.yamlpos import load_located


def test_positions_of_keys_values_and_list_items() -> None:
    located, problems = load_located("title: Golemio\ncountries: [CZ, SK]\nsoftware:\n  - name: X\n", first_line=2)
    assert problems == []
    assert located is not None
    assert located.data == {"title": "Golemio", "countries": ["CZ", "SK"], "software": [{"name": "X"}]}
    assert located.keys[("title",)] == (2, 1)
    assert located.values[("title",)] == (2, 8)
    assert located.values[("countries", 1)] == (3, 17)
    assert located.keys[("software", 0, "name")] == (5, 5)
    assert located.value_pos(("software", 0, "missing")) == (5, 5)


def test_norway_and_yes_no_stay_text_while_true_false_are_booleans() -> None:
    located, _ = load_located("countries: [NO, SE]\nflag: yes\nreal: true\n")
    assert located is not None
    assert located.data == {"countries": ["NO", "SE"], "flag": "yes", "real": True}


def test_dates_stay_text_and_numbers_are_numbers() -> None:
    located, _ = load_located("published: 2025-01-10\nstarted: 2015\nshare: 0.5\nnothing:\n")
    assert located is not None
    assert located.data == {"published": "2025-01-10", "started": 2015, "share": 0.5, "nothing": None}


def test_object_tags_are_refused_and_never_executed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "pwned"
    text = f'title: !!python/object/apply:os.system ["touch {marker}"]\nother: !!python/name:os.system\n'
    located, problems = load_located(text)
    assert located is None
    assert [(p.code, p.pos) for p in problems] == [("yaml-tag", (1, 8)), ("yaml-tag", (2, 8))]
    assert not marker.exists()


def test_alias_bomb_is_refused_once_per_anchor() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]" for i in range(8)]
    located, problems = load_located("\n".join(lines) + "\n")
    assert located is None
    assert {p.code for p in problems} == {"yaml-alias"}
    assert len(problems) == 8  # one per anchored node that is reused, however many times


def test_duplicate_keys_and_deep_nesting_are_reported_together() -> None:
    text = "title: A\ntitle: B\ndeep: " + "[" * 40 + "]" * 40 + "\n"
    located, problems = load_located(text)
    assert located is None
    assert [(p.code, p.pos[0]) for p in problems] == [("duplicate-key", 2), ("yaml-depth", 3)]


def test_syntax_error_is_located_in_file_lines() -> None:
    located, problems = load_located("title: A\n  bad: indent\n", first_line=2)
    assert located is None
    assert problems[0].code == "yaml-syntax"
    assert problems[0].pos[0] == 3
