// Search suggestions: WAI-ARIA APG "editable combobox with list autocomplete"
// (no automatic selection). Progressive enhancement only: without this file,
// or without fetch, every search form is a plain GET form.
(() => {
    "use strict";

    if (!("fetch" in window) || !("AbortController" in window)) {
        return;
    }

    const MIN_CHARS = 2;
    const DEBOUNCE_MS = 150;
    const ACTIVE_CLASS = "search-suggestion--active";

    // Count non-space characters, so "a  " or " a b" does not trigger a request.
    const isLongEnough = (text) => text.replace(/\s/g, "").length >= MIN_CHARS;

    // Only follow http(s) links, whatever the endpoint sends.
    function safeUrl(value) {
        try {
            const url = new URL(value, location.origin);
            return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
        } catch {
            return null;
        }
    }

    function element(tag, className, text) {
        const node = document.createElement(tag);
        node.className = className;
        node.textContent = text || "";
        return node;
    }

    const setAttributes = (node, attributes) =>
        Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));

    function enhance(form) {
        const input = form.querySelector("input[name='q']");
        const field = input && input.closest(".search-form__field");
        if (!input || !input.id || !field || form.dataset.autocompleteReady) {
            return;
        }
        form.dataset.autocompleteReady = "true";

        const label = form.querySelector(`label[for="${CSS.escape(input.id)}"]`);
        const listbox = element("ul", "search-suggestions");
        listbox.id = `${input.id}-suggestions`;
        listbox.hidden = true;
        listbox.setAttribute("role", "listbox");
        const name = (label && label.textContent.trim()) || input.getAttribute("aria-label");
        if (name) {
            listbox.setAttribute("aria-label", name);
        }
        field.after(listbox);

        // The live region must exist before its text changes, or screen
        // readers miss the first announcement.
        const status = element("div", "visually-hidden");
        status.setAttribute("role", "status");
        form.append(status);

        setAttributes(input, {
            role: "combobox",
            "aria-autocomplete": "list",
            "aria-expanded": "false",
            "aria-controls": listbox.id,
            autocomplete: "off",
        });

        let suggestions = [];
        let suggestionsFor = null; // the query the current suggestions answer
        let activeIndex = -1;
        let timer = null;
        let controller = null;

        const query = () => input.value.trim();
        const isOpen = () => !listbox.hidden;

        function announce(count) {
            const data = form.dataset;
            const text = count === 0 ? data.autocompleteNone
                : count === 1 ? data.autocompleteOne
                : (data.autocompleteMany || "").replace("{count}", String(count));
            status.textContent = text || "";
        }

        function setActive(index) {
            const previous = listbox.children[activeIndex];
            if (previous) {
                previous.classList.remove(ACTIVE_CLASS);
                previous.setAttribute("aria-selected", "false");
            }
            activeIndex = index;
            const option = listbox.children[index];
            if (option) {
                option.classList.add(ACTIVE_CLASS);
                option.setAttribute("aria-selected", "true");
                input.setAttribute("aria-activedescendant", option.id);
                option.scrollIntoView({ block: "nearest" });
            } else {
                input.removeAttribute("aria-activedescendant");
            }
        }

        function show(visible) {
            if (!visible) {
                setActive(-1);
            }
            listbox.hidden = !visible;
            input.setAttribute("aria-expanded", String(visible));
        }
        const close = () => show(false);

        function reset() {
            clearTimeout(timer);
            controller?.abort();
            suggestions = [];
            suggestionsFor = null;
            close();
            listbox.replaceChildren();
            status.textContent = "";
        }

        function render(items, forQuery) {
            suggestions = items;
            suggestionsFor = forQuery;
            activeIndex = -1;
            listbox.replaceChildren(...items.map((item, i) => {
                const option = element("li", "search-suggestion");
                option.id = `${input.id}-option-${i}`;
                setAttributes(option, { role: "option", "aria-selected": "false" });
                option.append(element("span", "search-suggestion__title", item.title));
                if (item.type) {
                    // The hidden comma makes screen readers pause between title and type.
                    option.append(element("span", "visually-hidden", ", "),
                        element("span", "search-suggestion__type", item.type));
                }
                return option;
            }));
            // A slow answer must not pop the list open after the user has left the field.
            show(items.length > 0 && document.activeElement === input);
            announce(items.length);
        }

        async function load(q) {
            clearTimeout(timer);
            controller?.abort();
            controller = new AbortController();
            const url = new URL(form.dataset.autocompleteUrl, location.origin);
            url.searchParams.set("q", q);
            let items = [];
            try {
                const response = await fetch(url, {
                    headers: { "Accept": "application/json" },
                    credentials: "same-origin",
                    signal: controller.signal,
                });
                const data = response.status === 200 ? await response.json() : {};
                if (Array.isArray(data.suggestions)) {
                    items = data.suggestions
                        .filter((s) => s && typeof s.title === "string")
                        .map((s) => ({ title: s.title, url: safeUrl(s.url), type: String(s.type || "") }))
                        .filter((s) => s.url);
                }
            } catch (error) {
                if (error.name === "AbortError") {
                    return;
                }
                // Network errors and bad JSON mean "no suggestions", silently.
            }
            if (q === query()) {
                render(items, q);
            }
        }

        function go(index) {
            const item = suggestions[index];
            if (item) {
                close();
                window.location.assign(item.url);
            }
        }

        input.addEventListener("input", () => {
            const q = query();
            setActive(-1);
            if (!isLongEnough(q)) {
                reset();
                return;
            }
            clearTimeout(timer);
            timer = setTimeout(() => load(q), DEBOUNCE_MS);
        });

        input.addEventListener("keydown", (event) => {
            if (event.isComposing || event.ctrlKey || event.metaKey) {
                return;
            }
            const count = suggestions.length;
            const down = event.key === "ArrowDown";
            switch (event.key) {
            case "ArrowDown":
            case "ArrowUp":
                event.preventDefault();
                if (isOpen()) {
                    // Alt+Arrow only opens or keeps the list (APG), it does not move.
                    if (!event.altKey) {
                        const from = activeIndex === -1 ? (down ? -1 : count) : activeIndex;
                        setActive((from + (down ? 1 : -1) + count) % count);
                    }
                } else if (count && suggestionsFor === query()) {
                    show(true);
                    if (!event.altKey) {
                        setActive(down ? 0 : count - 1);
                    }
                } else if (suggestionsFor !== query() && isLongEnough(query())) {
                    load(query());
                }
                break;
            case "Enter":
                if (isOpen() && activeIndex >= 0) {
                    event.preventDefault();
                    go(activeIndex);
                } else {
                    close(); // and let the form submit normally
                }
                break;
            case "Escape":
                // preventDefault also stops the browser's own clearing of
                // type="search" fields, so the first Escape only closes the list.
                if (isOpen()) {
                    event.preventDefault();
                    close();
                } else if (input.value) {
                    event.preventDefault();
                    input.value = "";
                    reset();
                }
                break;
            case "Tab":
                close();
                break;
            case "ArrowLeft":
            case "ArrowRight":
            case "Home":
            case "End":
                // Caret keys edit the text, so visual focus returns to the input (APG).
                setActive(-1);
                break;
            }
        });

        // Keep focus in the input while an option is pressed, so blur does not
        // close the list before the click lands.
        listbox.addEventListener("mousedown", (event) => event.preventDefault());
        listbox.addEventListener("click", (event) => {
            const option = event.target.closest("[role='option']");
            if (option) {
                go(Array.prototype.indexOf.call(listbox.children, option));
            }
        });

        input.addEventListener("blur", close);
        // A page restored from the back/forward cache must not show a stale list.
        window.addEventListener("pagehide", close);
    }

    function init() {
        document.querySelectorAll("form[data-autocomplete-url]").forEach(enhance);
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", init);
    } else {
        init();
    }
})();
