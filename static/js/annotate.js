// Turn a text selection in the article body into a claim form's start, end and quote.
//
// Every paragraph of the body carries data-offset: where its text starts in Article.body.
// A selection's ends are counted in characters of text from the start of their paragraph,
// skipping the claim details shown on focus (data-skip), which are not article text.
// The hidden #selection-form then asks the server (htmx) for the prefilled claim form;
// the server recomputes the quote and the suggested date from the offsets.
(function () {
  "use strict";

  var body = document.querySelector("[data-annotate]");
  var form = document.getElementById("selection-form");
  if (!body || !form) {
    return;
  }

  function isSkipped(node) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    return Boolean(element && element.closest("[data-skip]"));
  }

  function paragraphOf(node) {
    var element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    var paragraph = element && element.closest("p[data-offset]");
    return paragraph && body.contains(paragraph) ? paragraph : null;
  }

  // Characters of article text between the start of `paragraph` and (container, offset).
  function textBefore(paragraph, container, offset) {
    var upTo = document.createRange();
    upTo.selectNodeContents(paragraph);
    upTo.setEnd(container, offset);
    var walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return isSkipped(node) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    var count = 0;
    var node;
    while ((node = walker.nextNode())) {
      if (node === container) {
        return count + offset;
      }
      if (upTo.comparePoint(node, node.length) !== 0) {
        break; // this text node ends after the point
      }
      count += node.length;
    }
    return count;
  }

  function bodyOffset(container, offset) {
    var paragraph = paragraphOf(container);
    if (!paragraph || isSkipped(container)) {
      return null;
    }
    return Number(paragraph.dataset.offset) + textBefore(paragraph, container, offset);
  }

  function selectedSpan() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
      return null;
    }
    var range = selection.getRangeAt(0);
    var start = bodyOffset(range.startContainer, range.startOffset);
    var end = bodyOffset(range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) {
      return null;
    }
    return { start: start, end: end, quote: selection.toString() };
  }

  var lastSent = "";

  function offerForm() {
    var span = selectedSpan();
    if (!span) {
      return;
    }
    var key = span.start + ":" + span.end;
    if (key === lastSent) {
      return;
    }
    lastSent = key;
    form.elements.start.value = span.start;
    form.elements.end.value = span.end;
    form.elements.quote.value = span.quote;
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.dispatchEvent(new Event("submit", { cancelable: true, bubbles: true }));
    }
  }

  body.addEventListener("mouseup", function () {
    window.setTimeout(offerForm, 0); // let the browser settle the selection first
  });
  body.addEventListener("keyup", function (event) {
    if (event.shiftKey) {
      offerForm();
    }
  });
  // Selecting text inside a highlight must not also open that claim (its click handler).
  body.addEventListener(
    "click",
    function (event) {
      var selection = window.getSelection();
      if (selection && !selection.isCollapsed && body.contains(selection.anchorNode)) {
        event.stopPropagation();
      }
    },
    true
  );
  // A highlight reached with Tab opens with Enter, as a link would: its htmx trigger is a
  // click, and htmx trigger filters need eval, which the Content-Security-Policy forbids.
  body.addEventListener("keydown", function (event) {
    var mark = event.target;
    if (event.key === "Enter" && mark.matches && mark.matches("mark[data-claim][hx-get]")) {
      event.preventDefault();
      mark.click();
    }
  });
  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed) {
      lastSent = "";
    }
  });
})();
