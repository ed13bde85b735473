// Sends the signed deep-linking answer back to the LMS at once; without scripts the
// page's own button does the same.
document.getElementById("deep-link-return").submit();
