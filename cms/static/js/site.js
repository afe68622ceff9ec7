// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
    const summary = document.getElementById("form-errors");
    if (summary) {
        summary.focus();
    }
});
