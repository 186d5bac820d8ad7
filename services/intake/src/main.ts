import { X } from "@tiep-dan/contracts"; console.log(X);
