// Propose the browser's own time zone in a <select data-browser-zone="propose">, so a new
// person or course starts in the right zone instead of UTC. The person can still change it.
(function () {
    "use strict";

    function browserZone() {
        try {
            return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
        } catch (error) {
            return "";
        }
    }

    function propose() {
        var zone = browserZone();
        if (!zone) return;
        document.querySelectorAll('select[data-browser-zone="propose"]').forEach(function (select) {
            var known = Array.prototype.some.call(select.options, function (option) {
                return option.value === zone;
            });
            if (known) select.value = zone;
        });
    }

    if (document.readyState === "loading") {
        document.addEventListener("DOMContentLoaded", propose);
    } else {
        propose();
    }
})();
