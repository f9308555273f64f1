"""Miniature storage evaluators that read one point differently from the suite (an export of
governed custody needs no basis), one of them with a seeded bug on an undisputed rule too
(quiet archive deletion goes unnoticed): precise expected failures must hide the first and
never the second (issue 11, point 4).

    python:tests.miniatures.disputed:NAME
"""

from __future__ import annotations

from conformance.reference.adapter import Implementation
from conformance.reference.storage import BundleEvaluator


class ExportNeedsNoBasis(BundleEvaluator):
    def decide_export(self, ctx, op, spec, n):
        return [f for f in super().decide_export(ctx, op, spec, n) if f.code != "export-basis-missing"]


class AlsoQuietArchive(ExportNeedsNoBasis):
    def archive_path_governed(self, op):
        return True


def _implementation(evaluator: type, name: str) -> Implementation:
    impl = Implementation()
    impl.storage_evaluator_class = evaluator
    impl.info = dict(impl.info, name=name)
    return impl


export_no_basis = _implementation(ExportNeedsNoBasis, "disputed:export-no-basis")
export_no_basis_and_quiet_archive = _implementation(AlsoQuietArchive, "disputed:export-no-basis+quiet-archive")
