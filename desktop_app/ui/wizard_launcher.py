"""Opening a template's wizard or a stored result; what the navigator's actions call."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.i18n import _
from desktop_app.ui.context import ScreenContext


def start_template(parent: QWidget, ctx: ScreenContext, template_id: str) -> QWidget | None:
    """Open the wizard of a template: check-ins go to the journal's flow, the rest here."""
    template = ctx.session.templates.get(template_id)
    if template is None:
        QMessageBox.information(
            parent,
            _("Assessment not available"),
            _("There is no usable template with the id “{template_id}”. It may have been "
              "removed, or its file may have a problem (see the Assessments screen).")
            .format(template_id=template_id),
        )
        return None
    if template.kind == "check-in":
        from desktop_app.ui.journal.checkin_flow import start_checkin

        return start_checkin(parent, ctx, template)
    from desktop_app.ui.wizard.assessment_flow import start_assessment

    return start_assessment(parent, ctx, template)


def open_result(parent: QWidget, ctx: ScreenContext, result_id: str) -> QWidget | None:
    """Show a stored result read-only, with its answers."""
    from desktop_app.ui.wizard.assessment_flow import open_result_view

    return open_result_view(ctx, result_id, parent)
