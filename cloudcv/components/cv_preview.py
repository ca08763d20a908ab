"""The editor's live preview image: the newest version, fetched one at a time.

With a plain ``<img src=…?v=N>`` every save changed the address and the browser started a
new request, abandoning the one in flight; the server had already started rendering it, so
a fast typist kept the server rendering versions nobody would see (issue 20: at 200 typing
tabs most preview requests were superseded before they answered). This hook, compiled into
the page (no script text comes from the server; it reacts to the ``preview_src`` var only),
keeps at most ONE request in flight per page: when it answers, the image is shown (as a
``blob:`` URL, allowed by the CSP's ``img-src``) and, if a save came in meanwhile, the
newest address is fetched next. Versions in between are skipped, never queued. The shown
version's address is in ``data-src`` (tests and the bench read it).
"""

from __future__ import annotations

import reflex as rx
from reflex.vars.base import Var, VarData

from .i18n import t
from ..state.cvs import EditorState

_REACT = VarData(imports={"react": ["useEffect", "useRef"]})
PREVIEW_ID = "preview"


class _PreviewLoader(rx.Fragment):
    """Renders nothing; its hook loads the preview into ``#preview``."""

    def add_hooks(self) -> list[str | Var]:
        src = EditorState.preview_src
        return [Var(f"""const previewLoad = useRef({{busy: false, wanted: "", shown: "", failed: ""}});
useEffect(() => {{
  const st = previewLoad.current;
  st.wanted = {src!s};
  const next = () => {{
    const want = st.wanted;
    if (st.busy || typeof want !== "string" || !want.startsWith("/api/cv/")
        || want === st.shown || want === st.failed) return;
    st.busy = true;
    fetch(want, {{credentials: "same-origin"}})
      .then((r) => (r.ok ? r.blob() : Promise.reject(r.status)))
      .then((blob) => {{
        const img = document.getElementById("{PREVIEW_ID}");
        if (img) {{
          const old = img.dataset.blob;
          const url = URL.createObjectURL(blob);
          img.onload = () => {{ if (old) URL.revokeObjectURL(old); }};
          img.dataset.blob = url;
          img.dataset.src = want;
          img.src = url;
        }}
        st.shown = want;
      }})
      .catch(() => {{ st.failed = want; }})
      .finally(() => {{ st.busy = false; next(); }});
  }};
  next();
}}, [{src!s}]);""", _var_data=VarData.merge(_REACT, src._get_all_var_data()))]


def preview_image() -> rx.Component:
    """The preview ``<img>`` and the hook that fills it."""
    return rx.fragment(
        _PreviewLoader.create(),
        rx.el.img(alt=t("editor.preview_alt"), id=PREVIEW_ID, class_name="cv-preview"),
    )


def unprintable_warning() -> rx.Component:
    """The characters of the CV no shipped font draws (they print as □), above the preview.
    The live region is always there, so that screen readers announce the warning when it
    appears."""
    return rx.box(
        rx.cond(
            EditorState.unprintable != "",
            rx.callout.root(
                rx.callout.icon(rx.icon("triangle-alert", size=16)),
                rx.callout.text(t("editor.unprintable"), " ",
                                rx.el.bdi(EditorState.unprintable, class_name="cv-unprintable")),
                color_scheme="amber", high_contrast=True, size="1", id="unprintable-warning",
            ),
        ),
        role="status", aria_live="polite",
    )
