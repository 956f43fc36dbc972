"""The Standards tab's signed pages: the Values & Attributes statement, and the SLT
declaration with the certificate.

The statement can be edited until someone signs it; then it is fixed, and only a
withdrawal (with a reason and the password of the signer or a line manager) frees it.
The certificate button is enabled only when every criterion is met and the SLT
declaration is signed; otherwise the page lists, in plain words, what is missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QVBoxLayout

from eoffice.domain.dates import format_date
from eoffice.domain.standards import LEGACY_WORDS, SLT_DECLARATION, VALUES_KINDS, SignatureRecord, doubt_words, local
from eoffice.ui import standards_commands
from eoffice.ui.dialogs import ask
from eoffice.ui.models.record_rows import show_rows
from eoffice.ui.models.standards_models import SignatureModel, SignatureRow, signature_rows
from eoffice.ui.tabs import standards_state
from eoffice.ui.tabs.standards_pages import LOCKED_STYLE, Page, bullets, fit_rows, make_table, note_label, selected
from eoffice.ui.tabs.standards_state import Acting, Snapshot

if TYPE_CHECKING:
    from eoffice.ui.tabs.standards_tab import StandardsTab


def signed_words(s: SignatureRecord) -> str:
    return f"{s.signer_name} on {format_date(local(s.signed_at).date())}"


class SignaturesTable:
    """A page's list of signatures and its "Withdraw signature…" button."""

    def __init__(self, page: Page, name: str, kinds: tuple[str, ...]) -> None:
        self.page, self.kinds = page, kinds
        self.model = SignatureModel(page)
        # What was signed and its state share the spare width; the signer's role steps aside when narrow.
        self.table = make_table(name, self.model, (300, 150, 200, 130, 160, 330), stretch=(0, 4), secondary=(2, 5))
        page.button("withdraw", "&Withdraw signature…", self.withdraw)
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.enable())
        self._allowed = False

    def show(self, snap: Snapshot, acting: Acting) -> None:
        st = snap.standards
        show_rows(self.model, signature_rows(st.signatures, st.meetings, self.kinds) if st else [])
        fit_rows(self.table, self.model.rowCount())
        self._allowed = acting.can_sign
        self.enable()

    def chosen(self) -> SignatureRecord | None:
        row = selected(self.table)
        return row.signature if isinstance(row, SignatureRow) else None

    def enable(self) -> None:
        chosen = self.chosen()
        self.page.buttons["withdraw"].setEnabled(self._allowed and chosen is not None and chosen.live)

    def withdraw(self) -> None:
        chosen = self.chosen()
        if chosen is not None and chosen.live:
            self.page.host.withdraw(chosen)


class ValuesPage(Page):
    def __init__(self, host: StandardsTab) -> None:
        super().__init__(host, "Values & Attributes page")
        intro = QLabel("The Values & Attributes statement: what the exams officer commits to, in the centre's own "
                       "words. It can be edited until it is signed; the exams officer and the line manager each sign "
                       "it with their own password.")
        intro.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setAccessibleName("Values & Attributes statement")
        self.editor.setTabChangesFocus(True)
        self.state = note_label("Statement signatures")
        self.locked = note_label("Why the statement cannot change", LOCKED_STYLE)
        self.button("save", "Save s&tatement", self.save)
        self.button("officer", "Sign as exams office&r…", lambda: self.sign("values_officer"))
        self.button("manager", "Sign as &line manager…", lambda: self.sign("values_line_manager"))
        self.button("pdf", "Save statement P&DF…", self.save_pdf)
        self.signatures = SignaturesTable(self, "Statement signatures table", VALUES_KINDS)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.locked)
        layout.addLayout(self.row_of("save", "officer", "manager", "pdf"))
        layout.addWidget(self.state)
        layout.addWidget(self.signatures.table)
        layout.addLayout(self.row_of("withdraw"))
        self._stored = ""

    def show_state(self, snap: Snapshot, acting: Acting) -> None:
        st = snap.standards
        stored = st.year.values_statement if st else ""
        if stored != self._stored or not self.dirty():
            self.editor.setPlainText(stored)
        self._stored = stored
        fixed = snap.live(*VALUES_KINDS, "slt_declaration")
        self.editor.setReadOnly(bool(fixed) or not acting.can_edit)
        self.locked.setText(f"The statement is signed ({signed_words(fixed[0])}): it cannot be edited. Withdraw "
                            "the signature, with a reason, to change it." if fixed else "")
        self.locked.setVisible(bool(fixed))
        self.buttons["save"].setEnabled(acting.can_edit and not fixed)
        officer, manager = snap.live("values_officer"), snap.live("values_line_manager")
        self.buttons["officer"].setEnabled(acting.can_sign and not officer)
        self.buttons["manager"].setEnabled(acting.can_sign and not manager)
        self.buttons["pdf"].setEnabled(st is not None)
        word = {(True, True): "Signed by both the exams officer and the line manager.",
                (True, False): "Signed by the exams officer; the line manager has still to sign.",
                (False, True): "Signed by the line manager; the exams officer has still to sign.",
                (False, False): "Not signed yet: agree the wording, save it, then both sign."}
        text = word[(bool(snap.signed("values_officer")), bool(snap.signed("values_line_manager")))]
        changed = [s for s in snap.live(*VALUES_KINDS) if not s.intact]
        doubted = [s for s in snap.live(*VALUES_KINDS) if s.intact and not s.valid]
        if changed:
            text += " The statement changed after a signature: withdraw it and sign again."
        for s in doubted:
            text += f" The signature in the name of {s.signer_name} {doubt_words(s)}: withdraw it and sign again."
        self.state.setText(text)
        self.signatures.show(snap, acting)

    def dirty(self) -> bool:
        return self.editor.toPlainText().strip() != self._stored.strip()

    def save(self) -> bool:
        year_id = self.host.snapshot.year_id
        if year_id is None or not self.dirty():
            return True
        old, new = self._stored, self.editor.toPlainText()
        return self.host.attempt("Statement not saved", lambda by: standards_commands.set_statement(
            self.host.context, year_id, old, new, by=by))

    def sign(self, kind: str) -> None:
        if self.dirty():
            if not ask.confirm(self, "Save before signing", "The statement has changes that are not saved. Save "
                               "them, then sign the saved wording?"):
                return
            if not self.save():
                return
        snap = self.host.snapshot
        who = "exams officer" if kind == "values_officer" else "line manager"
        message = (f"You are signing, as the {who}, the Values & Attributes statement of {snap.officer} for "
                   f"{snap.year.label}:\n\n{self._stored}")
        self.host.sign(kind, message)

    def save_pdf(self) -> None:
        snap = self.host.snapshot
        if snap.year_id is not None and snap.person_id is not None:
            year, person_id = snap.year, snap.person_id
            self.host.save_file("Save statement",
                                standards_state.file_name(self.host.context, year, "standards", "pdf", document="statement"),
                                standards_state.PDF_FILTER,
                                lambda out: standards_state.save_statement(self.host.context, year, person_id, out))


class DeclarationPage(Page):
    def __init__(self, host: StandardsTab) -> None:
        super().__init__(host, "Declaration & certificate page")
        heading = QLabel("<b>The SLT declaration</b>, signed by the line manager when every target is met:")
        text = QLabel(f"“{SLT_DECLARATION}”")
        text.setWordWrap(True)
        text.setAccessibleName("SLT declaration wording")
        self.state = note_label("SLT declaration state")
        self.before = note_label("Before the declaration can be signed")
        self.before.setTextFormat(Qt.TextFormat.RichText)
        self.certificate = note_label("Certificate")
        self.certificate.setTextFormat(Qt.TextFormat.RichText)
        self.button("sign", "Sign the S&LT declaration…", self.sign)
        self.button("certificate", "Save cer&tificate PDF…", self.save_certificate)
        self.signatures = SignaturesTable(self, "SLT declaration signatures", ("slt_declaration",))
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(text)
        layout.addWidget(self.state)
        layout.addWidget(self.before)
        layout.addLayout(self.row_of("sign", "withdraw"))
        layout.addWidget(self.signatures.table)
        layout.addWidget(self.certificate)
        layout.addLayout(self.row_of("certificate"))
        layout.addStretch(1)

    def show_state(self, snap: Snapshot, acting: Acting) -> None:
        signed, live = snap.signed("slt_declaration"), snap.live("slt_declaration")
        managers = standards_state.signers(snap, "slt_declaration")
        doubted = [s for s in live if s.intact and not s.valid]
        if signed:
            self.state.setText(f"✓ Signed by {signed_words(signed[-1])}." + (
                f" {LEGACY_WORDS.capitalize()}." if signed[-1].legacy else ""))
        elif doubted:
            self.state.setText(f"✗ The declaration in the name of {doubted[0].signer_name} "
                               f"{doubt_words(doubted[0])}: it does not count. Withdraw it and sign again.")
        elif live:
            self.state.setText("✗ The record changed after the declaration was signed: withdraw it and sign again.")
        else:
            self.state.setText("✗ Not signed yet. Only a line manager can sign it, with their own password.")
        if live:
            self.before.setText("")
        elif snap.declaration_missing:
            self.before.setText(f"Before the line manager can sign, these must be met:"
                                f"<ul>{bullets(snap.declaration_missing)}</ul>")
        elif not managers:
            self.before.setText("Everything is met, but no line manager is recorded: add one in the Centre tab.")
        else:
            self.before.setText("Everything the declaration confirms is met: the line manager can sign it now.")
        self.before.setVisible(bool(self.before.text()))
        self.buttons["sign"].setEnabled(acting.can_sign and snap.standards is not None and not live
                                        and not snap.declaration_missing and bool(managers))
        earned = snap.standards is not None and not snap.missing
        self.buttons["certificate"].setEnabled(earned)
        if earned:
            self.certificate.setText(f"<b>✓ Certificate earned:</b> {snap.officer} has achieved the Professional "
                                     f"Standards for {snap.year.label}.")
        else:
            self.certificate.setText(f"<b>✗ Certificate not yet earned.</b> Still missing:<ul>{bullets(snap.missing)}</ul>")
        self.signatures.show(snap, acting)

    def sign(self) -> None:
        snap = self.host.snapshot
        message = (f"You are signing, as a line manager, the SLT declaration for {snap.officer}, "
                   f"{snap.year.label}:\n\n{SLT_DECLARATION}")
        self.host.sign("slt_declaration", message)

    def save_certificate(self) -> None:
        snap = self.host.snapshot
        if snap.year_id is None or snap.person_id is None:
            return
        year, person_id = snap.year, snap.person_id
        self.host.save_file("Save certificate",
                            standards_state.file_name(self.host.context, year, "certificate", "pdf", who=snap.officer),
                            standards_state.PDF_FILTER,
                            lambda out: standards_state.save_certificate(self.host.context, year, person_id, out))
