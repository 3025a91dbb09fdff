"use strict";
// Ground Up's addition to iframe-worker 1.0.4 (MIT): the set-up that shim.js used to write into its
// frame as an inline script, as a file, so that the Content-Security-Policy can forbid inline scripts.
(function () {
  var worker = document.currentScript.dataset.worker;
  self.postMessage = function (message, origin) { parent.postMessage(message, origin || "*"); };
  self.importScripts = function () {
    return Array.prototype.reduce.call(arguments, function (done, url) {
      return done.then(function () {
        return new Promise(function (resolve) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
  addEventListener("error", function (event) {
    parent.dispatchEvent(new ErrorEvent("error", { filename: worker, error: event.error }));
  });
})();
