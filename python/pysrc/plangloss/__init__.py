"""plangloss: plan documents into clean, segmented, glossary-annotated records.

Build a :class:`Pipeline` once with your glossaries and options, then give it
documents: ``process`` for one file in memory, ``iter_paths`` for files and
folders on disk. Every record is, byte for byte, the JSON line
``plangloss ingest`` writes for the same file with the same options
(``process_json``); ``process`` gives it as a dict.

>>> import plangloss
>>> pipeline = plangloss.Pipeline(glossary=["glossaries/program-terms.tsv"])
>>> record = pipeline.process(open("plan.docx", "rb").read(), "plan.docx")
>>> for record in pipeline.iter_paths(["corpora/"], jobs=2):
...     print(record["path"], record["lang"])
"""

from ._plangloss import Pipeline, Records, __version__

__all__ = ["Pipeline", "Records", "__version__"]
