// htmx requests carry the antiforgery token as a header; forms without JavaScript post it as a field.
document.addEventListener("htmx:configRequest", function (event) {
    var meta = document.querySelector('meta[name="request-verification-token"]');
    if (meta) {
        event.detail.headers["RequestVerificationToken"] = meta.getAttribute("content");
    }
});
