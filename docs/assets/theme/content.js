// From Material for MkDocs 9.7 (MIT, (c) Martin Donath), partials/javascripts/content.html, moved out of the page
// so that the Content-Security-Policy needs no inline script. Update it with the theme.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))
