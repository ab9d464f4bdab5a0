"""Assessment wizards built from templates, their draft autosave, and the result view."""

from desktop_app.ui.wizard.template_wizard import TemplateWizard

__all__ = ["TemplateWizard"]
