// Passkeys (issue 24): runs the WebAuthn ceremony the server asks for, nothing else.
// The server renders its options as JSON text in the data-options attribute of an element
// with data-passkey="create" (register) or "get" (log in); this script parses that JSON
// (never runs it), asks the browser's authenticator, and writes the authenticator's JSON
// answer (or "error:<name>") into the input whose id is in data-target; that input's change
// event takes it to the server, which checks it. Loaded from our own origin (CSP 'self').
(function () {
  "use strict";
  var seen = new WeakMap();

  function answer(target, value) {
    var input = document.getElementById(target);
    if (!input) return;
    var setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    setter.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  async function run(el, text) {
    var target = el.getAttribute("data-target");
    var options;
    try {
      options = JSON.parse(text);
    } catch (e) {
      answer(target, "error:options:" + Date.now());
      return;
    }
    try {
      var credential = el.getAttribute("data-passkey") === "create"
        ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) })
        : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
      answer(target, JSON.stringify(credential.toJSON()));
    } catch (e) {
      answer(target, "error:" + (e && e.name ? e.name : "failed") + ":" + Date.now());
    }
  }

  function scan() {
    document.querySelectorAll("[data-passkey][data-options]").forEach(function (el) {
      var text = el.getAttribute("data-options");
      if (!text || seen.get(el) === text) return;
      seen.set(el, text);
      run(el, text);
    });
  }

  new MutationObserver(scan).observe(document.documentElement, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["data-options"],
  });
  scan();
})();
