"""The Python API gives the command line's records, byte for byte."""

import json
import os
import pickle
import subprocess
import sys
import threading

import plangloss
import pytest

from conftest import GLOSSARY, ROOT, cli_ingest, shared_corpus

OPTIONS = dict(glossary=[GLOSSARY], password="foo")
CLI_OPTIONS = ["--glossary", GLOSSARY, "--password", "foo", "--jobs", "2"]


@pytest.fixture(scope="module")
def pipeline():
    return plangloss.Pipeline(**OPTIONS)


def files_under(folder):
    """Every file ingest reads under ``folder``, with its record path."""
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if not name.startswith("."):
                path = os.path.join(dirpath, name)
                found.append((os.path.relpath(path, folder).replace(os.sep, "/"), path))
    return sorted(found)


def check_like_ingest(pipeline, folder):
    """process_json per file and iter_paths both give ingest's output."""
    expected = cli_ingest(folder, *CLI_OPTIONS)
    assert expected.count("\n") >= len(files_under(folder))
    by_file = "".join(
        pipeline.process_json(open(path, "rb").read(), shown)
        for shown, path in files_under(folder)
    )
    assert by_file == expected
    for jobs in (1, 2):
        assert "".join(pipeline.iter_paths([folder], jobs=jobs, as_json=True)) == expected


def test_corpora_records_are_the_cli_lines(pipeline):
    check_like_ingest(pipeline, ROOT / "corpora")


def test_shared_corpus_records_are_the_cli_lines(pipeline):
    check_like_ingest(pipeline, shared_corpus())


def test_dicts_are_the_parsed_lines(pipeline):
    path = ROOT / "corpora" / "zh" / "mianyi-guihua-2025.docx"
    data = path.read_bytes()
    record = pipeline.process(data, "zh/mianyi-guihua-2025.docx")
    assert record == json.loads(pipeline.process_json(data, "zh/mianyi-guihua-2025.docx"))
    assert record["format"] == "docx" and record["lang"] == "zh"
    assert any(block["terms"] for block in record["blocks"])
    records = list(pipeline.iter_paths([ROOT / "corpora" / "zh"], jobs=2))
    assert [r["path"] for r in records] == sorted(r["path"] for r in records)
    assert all(isinstance(r, dict) for r in records)


def test_a_bad_document_is_a_record_not_an_exception(pipeline):
    record = pipeline.process(b"PK\x03\x04 not really a zip", "broken.docx")
    assert record["error"]["kind"] in ("corrupt", "unsupported")
    too_big = plangloss.Pipeline(max_file_size=0).process(b"x" * 10, "a.txt")
    assert too_big["error"]["kind"] == "too_large" and too_big["sha256"] is None


def test_a_crawl_gives_every_document(pipeline):
    data = (ROOT / "tests" / "fixtures" / "warc" / "crawl.warc.gz").read_bytes()
    lines = pipeline.process_json(data, "crawl.warc.gz").splitlines()
    assert len(lines) > 1
    assert [json.loads(line) for line in lines] == pipeline.process_all(data, "crawl.warc.gz")
    with pytest.raises(ValueError, match="process_all"):
        pipeline.process(data, "crawl.warc.gz")


def test_base_shows_paths_as_a_walk_of_it_does(pipeline):
    corpora = ROOT / "corpora"
    walked = "".join(pipeline.iter_paths([corpora], jobs=2, as_json=True))
    listed = pipeline.iter_paths(["vi", "zh"], jobs=2, base=corpora, as_json=True)
    assert "".join(listed) == walked


def test_usage_errors_are_exceptions():
    with pytest.raises(FileNotFoundError, match="no/such.tsv"):
        plangloss.Pipeline(glossary=["no/such.tsv"])
    with pytest.raises(ValueError, match="sideways"):
        plangloss.Pipeline(vi_tone="sideways")
    with pytest.raises(ValueError, match="klingon"):
        plangloss.Pipeline(encoding="klingon")
    with pytest.raises(ValueError, match="regular expression"):
        plangloss.Pipeline(url_filter="(")
    with pytest.raises(TypeError):
        plangloss.Pipeline(GLOSSARY)  # keyword arguments only
    with pytest.raises(ValueError, match="jobs"):
        plangloss.Pipeline().iter_paths(["corpora"], jobs=0)


def test_settings_change_the_records_as_the_cli_options_do():
    data = (ROOT / "corpora" / "vi" / "kh-truyen-thong-dan-so-2025.docx").read_bytes()
    old = plangloss.Pipeline(vi_tone="old").process_json(data, "vi/kh-truyen-thong-dan-so-2025.docx")
    cli = cli_ingest("corpora/vi/kh-truyen-thong-dan-so-2025.docx", "--vi-tone", "old")
    assert old.replace('"path":"vi/', '"path":"corpora/vi/', 1) == cli


def test_a_pickled_pipeline_works_in_another_process(pipeline, tmp_path):
    pickled = tmp_path / "pipeline.pickle"
    pickled.write_bytes(pickle.dumps(pipeline))
    data = ROOT / "corpora" / "vi" / "kh-suc-khoe-ba-me-tre-em-2025.docx"
    # The other process runs where the glossary file does not exist.
    script = (
        "import pickle, sys; p = pickle.load(open(sys.argv[1], 'rb')); "
        "sys.stdout.write(p.process_json(open(sys.argv[2], 'rb').read(), 'plan.docx'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, pickled, data],
        cwd=tmp_path,
        capture_output=True,
        check=True,
    )
    assert done.stdout.decode() == pipeline.process_json(data.read_bytes(), "plan.docx")
    assert '"terms":[{' in done.stdout.decode()
    assert repr(pickle.loads(pickled.read_bytes())) == repr(pipeline)


def test_threads_share_one_pipeline(pipeline):
    files = [path for _, path in files_under(ROOT / "corpora")]
    expected = {path: pipeline.process_json(open(path, "rb").read(), path) for path in files}
    results = {}

    def work(paths):
        for path in paths:
            results[path] = pipeline.process_json(open(path, "rb").read(), path)

    threads = [threading.Thread(target=work, args=(files[i::4],)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == expected


def test_dropping_the_iterator_stops_the_batch(pipeline):
    records = pipeline.iter_paths([ROOT / "corpora"] * 20, jobs=2)
    first = next(records)
    assert first["path"]
    del records  # must not hang or crash


def test_python_m_plangloss_is_the_command_line():
    version = subprocess.run(
        [sys.executable, "-m", "plangloss", "--version"], capture_output=True, check=True
    )
    assert version.stdout.decode().startswith("plangloss ")
    wrong = subprocess.run(
        [sys.executable, "-m", "plangloss", "ingest", "--no-such-option"], capture_output=True
    )
    assert wrong.returncode == 2
    assert b"--no-such-option" in wrong.stderr
    assert plangloss.__version__ == version.stdout.decode().split()[1]
