"""Choosing focus areas: up to three, suggested ones first, each with an intention and practices."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.focus_areas import MAX_OWN_AREA_LENGTH
from desktop_app.domain.journal import MAX_FOCUS_AREAS, FocusArea
from desktop_app.i18n import _
from desktop_app.services.focus import (
    AreaChoice,
    AreaDraft,
    FocusInputError,
    FocusService,
    check_drafts,
)
from desktop_app.ui.context import ScreenContext
from desktop_app.ui.journal.field_errors import lead_to
from desktop_app.ui.journal.practice_editor import PracticeList
from desktop_app.ui.journal.save_dialog import SaveDialog
from desktop_app.ui.screen_fit import fit_to_screen
from desktop_app.ui.widgets import heading, paragraph


def choice_text(choice: AreaChoice) -> str:
    scores = choice.current is not None and choice.ideal is not None
    if scores and choice.suggested:
        text = _("{area}  —  now {now}, where I want to be {ideal}  (suggested)")
    elif scores:
        text = _("{area}  —  now {now}, where I want to be {ideal}")
    elif choice.suggested:
        text = _("{area}  (suggested)")
    else:
        text = "{area}"
    return text.format(area=choice.title, now=choice.current, ideal=choice.ideal)


class AreaSection(QGroupBox):
    """One chosen area: the intention in the person's words, and the practices."""

    def __init__(self, choice: AreaChoice, area: FocusArea | None) -> None:
        super().__init__(choice.title)
        self.choice = choice
        self.key = area.key if area else None
        self.setObjectName(f"area-{choice.area}")
        layout = QVBoxLayout(self)
        label = QLabel(_("My intention, in my own words"))
        layout.addWidget(label)
        self.intention = QPlainTextEdit(area.intention if area else "")
        self.intention.setObjectName("intention")
        self.intention.setAccessibleName(_("Intention for {area}").format(area=choice.title))
        self.intention.setPlaceholderText(
            _("For example: “I want to answer from calm, not from hurry.”")
        )
        self.intention.setTabChangesFocus(True)
        self.intention.setFixedHeight(self.intention.fontMetrics().lineSpacing() * 3 + 14)
        label.setBuddy(self.intention)
        layout.addWidget(self.intention)
        self.practices = PracticeList(choice.title, area.practices if area else ())
        layout.addWidget(self.practices)

    def draft(self) -> AreaDraft:
        return AreaDraft(
            self.choice.area,
            self.intention.toPlainText(),
            tuple(self.practices.drafts()),
            self.key,
        )


class FocusDialog(SaveDialog):
    """Change focus (the old one stays as history) or edit the current one in place.

    ``prefill`` ticks those areas at the start (the suggestions of a result), in place of
    the current focus's areas.
    """

    def __init__(
        self, ctx: ScreenContext, *, edit: bool = False, prefill: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("focusDialog")
        self.service = FocusService(ctx.session)
        self.edit_mode = edit
        self.prefilled = bool(prefill) and not edit
        current = self.service.current()
        self.current = current.item if current else None
        self.setWindowTitle(_("Edit your focus") if edit else _("Choose your focus"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.windowTitle(), level=2))
        layout.addWidget(paragraph(self._intro()))

        self.choices = self.service.choices()
        known = {c.area for c in self.choices}
        for area in self.current.areas if self.current else ():
            if area.area not in known:
                self.choices.append(AreaChoice(area.area, self.service.title_of(area.area)))
        chosen = {a.area: a for a in self.current.areas} if self.current else {}
        ticked = set(prefill[:MAX_FOCUS_AREAS]) if prefill and not edit else set(chosen)
        known = {c.area for c in self.choices}
        for area_id in prefill if not edit else ():
            if area_id not in known:
                self.choices.append(AreaChoice(area_id, self.service.title_of(area_id)))

        self.area_list = QListWidget()
        self.area_list.setObjectName("areaList")
        self.area_list.setAccessibleName(
            _("Areas to focus on, up to {n}").format(n=MAX_FOCUS_AREAS))
        for choice in self.choices:
            self._add_item(choice, choice.area in ticked)
        rows = min(len(self.choices), 9)
        self.area_list.setFixedHeight(self.area_list.sizeHintForRow(0) * rows + 8)
        areas_label = QLabel(
            _("Areas (pick up to {n}; Space ticks one):").format(n=MAX_FOCUS_AREAS))
        areas_label.setBuddy(self.area_list)
        layout.addWidget(areas_label)
        layout.addWidget(self.area_list)
        layout.addLayout(self._own_area_row())

        self.sections: dict[str, AreaSection] = {}
        self._chosen = chosen
        body = QWidget()
        self.sections_layout = QVBoxLayout(body)
        self.sections_layout.setContentsMargins(0, 0, 0, 0)
        self.hint = paragraph(_("Tick an area above to write its intention and practices."))
        self.hint.setObjectName("focusHint")
        self.sections_layout.addWidget(self.hint)
        self.sections_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout.addWidget(scroll, 1)

        self.add_save_buttons(layout, self.service.session)
        self.area_list.itemChanged.connect(self._item_changed)
        for index in range(self.area_list.count()):
            self._item_changed(self.area_list.item(index))
        fit_to_screen(self, QSize(760, 720))

    def _add_item(self, choice: AreaChoice, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(choice_text(choice))
        item.setData(Qt.ItemDataRole.UserRole, choice.area)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.area_list.addItem(item)
        return item

    def _own_area_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        label = QLabel(_("An area of &my own:"))
        self.own_name = QLineEdit()
        self.own_name.setObjectName("ownAreaName")
        self.own_name.setAccessibleName(_("Name of an area of my own"))
        self.own_name.setPlaceholderText(_("e.g. Being a calmer driver"))
        self.own_name.setMaxLength(MAX_OWN_AREA_LENGTH)
        self.own_name.returnPressed.connect(self.add_own_area)
        label.setBuddy(self.own_name)
        self.own_button = QPushButton(_("&Add it"))
        self.own_button.setObjectName("addOwnArea")
        self.own_button.setAutoDefault(False)
        self.own_button.clicked.connect(self.add_own_area)
        row.addWidget(label)
        row.addWidget(self.own_name, 1)
        row.addWidget(self.own_button)
        return row

    def add_own_area(self) -> None:
        """Add the named area to the list, ticked (when there is room), ready for its words."""
        try:
            choice = self.service.own_area(self.own_name.text())
        except FocusInputError as error:
            self.error.show_error(str(error))
            self.own_name.setFocus()
            return
        if any(c.area == choice.area for c in self.choices):
            self.error.show_error(_("“{area}” is already in the list: tick it there.").format(
                area=choice.title))
            self.own_name.setFocus()
            return
        self.choices.append(choice)
        self.own_name.clear()
        room = len(self.checked_areas()) < MAX_FOCUS_AREAS
        item = self._add_item(choice, room)
        self._item_changed(item)
        self.area_list.setCurrentItem(item)
        self.area_list.setFixedHeight(
            self.area_list.sizeHintForRow(0) * min(len(self.choices), 9) + 8
        )
        if not room:
            self.error.show_error(_(
                "“{area}” was added to the list. Up to {n} areas at a "
                "time: untick one to tick it."
            ).format(area=choice.title, n=MAX_FOCUS_AREAS))

    def _intro(self) -> str:
        if self.edit_mode:
            return _(
                "Change the wording, or add and remove practices. This edits your current "
                "focus itself; to start a new focus and keep this one as history, use "
                "“Change focus” instead."
            )
        parts = []
        if any(c.gap is not None for c in self.service.choices()):
            parts.append(_(
                "Pick up to three areas to work on. The areas with the biggest distance between "
                "where you are and where you want to be, from your latest assessment, come "
                "first and are marked as suggested."
            ))
        else:
            parts.append(_(
                "Pick up to three areas to work on: life areas, one of your three "
                "responsibilities, or an area of your own. Once you have taken the “Where I "
                "am, where I want to be” assessment, the areas with the biggest distance are "
                "suggested here; until then, go with what feels most important."
            ))
        parts.append(_(
            "For each area, write your intention in your own words, and one or more "
            "concrete practices: small things you will actually do."
        ))
        if self.prefilled:
            parts.append(_(
                "The areas your result suggests are ticked; change them as you like."
            ))
        if self.current is not None:
            parts.append(_(
                "When you save, your current focus is kept as history and the new focus "
                "starts today.") if self.prefilled else _(
                "Your current focus is filled in as a starting point. When you save, it is "
                "kept as history and the new focus starts today.")
            )
        return " ".join(parts)

    def checked_areas(self) -> list[str]:
        items = (self.area_list.item(i) for i in range(self.area_list.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _item_changed(self, item: QListWidgetItem) -> None:
        area = str(item.data(Qt.ItemDataRole.UserRole))
        checked = item.checkState() == Qt.CheckState.Checked
        if checked and len(self.checked_areas()) > MAX_FOCUS_AREAS:
            item.setCheckState(Qt.CheckState.Unchecked)
            self.error.show_error(_(
                "Up to {n} areas at a time: untick one before adding another. "
                "Fewer areas leave more room to practise."
            ).format(n=MAX_FOCUS_AREAS))
            return
        self.error.clear_error()
        section = self.sections.get(area)
        if checked and section is None:
            choice = next(c for c in self.choices if c.area == area)
            section = AreaSection(choice, self._chosen.get(area))
            self.sections[area] = section
        if section is not None:
            if checked:
                self._place(section)
            section.setVisible(checked)
        self.hint.setVisible(not self.checked_areas())

    def _place(self, section: AreaSection) -> None:
        # Keep the sections in the order of the list above.
        order = [c.area for c in self.choices]
        position = order.index(section.choice.area)
        earlier = [
            s for s in self.sections.values()
            if s is not section and order.index(s.choice.area) < position
        ]
        self.sections_layout.removeWidget(section)
        self.sections_layout.insertWidget(len(earlier), section)

    def drafts(self) -> list[AreaDraft]:
        return [self.sections[a].draft() for a in self.checked_areas() if a in self.sections]

    def store(self) -> object:
        try:
            if self.edit_mode:
                return self.service.edit_current(self.drafts())
            return self.service.change_focus(self.drafts())
        except FocusInputError as error:
            self._lead(error)
            raise

    def _lead(self, error: FocusInputError) -> None:
        """Take the person to the field the message is about; it goes once that is right."""
        field = self._field(error)
        if field is None:
            return
        fault = error.field

        def problem() -> str | None:
            try:
                check_drafts(self.drafts(), self.service.title_of)
            except FocusInputError as now:
                return str(now) if now.field == fault else None
            return None

        lead_to(self.error, field, problem)

    def _field(self, error: FocusInputError) -> QWidget | None:
        if error.part == "areas":
            return self.area_list
        section = self.sections.get(error.area or "")
        if section is None:
            return None
        if error.part == "intention":
            return section.intention
        rows = section.practices.rows
        empty = [r.what for r in rows if not r.what.text().strip()]
        return empty[0] if empty else section.practices.add_button
