// Sharing without third-party scripts: the phone's share sheet (which offers Zalo and Facebook) when there is
// one, otherwise the link is copied for pasting into Zalo. Print buttons print the page.
document.addEventListener("click", async (event) => {
  const share = event.target.closest("[data-share]");
  if (share) {
    event.preventDefault();
    const url = share.dataset.share;
    if (navigator.share) {
      try { await navigator.share({ title: share.dataset.shareTitle, url }); } catch { /* the reader closed the sheet */ }
      return;
    }
    try {
      await navigator.clipboard.writeText(url);
      share.textContent = share.dataset.copied;
    } catch {
      window.prompt(share.dataset.copied, url);
    }
    return;
  }
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
